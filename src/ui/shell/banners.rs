//! The banners under the header: the notice of the last action (news fades once read),
//! the update offer, and the rare ones fetched as a part when needed (a save problem,
//! the question before undo removes an import, the plans kept aside).

use leptos::prelude::*;

use super::open::export_plan;
use super::update_banner::UpdateBanner;
use crate::ui::parts;
use crate::ui::services::files;
use crate::ui::state::{use_plan, ImportQuestion, Notice, PlanContext, SaveState};

/// Save failures, storage warnings, notices, the question before undo removes an
/// imported plan, kept-aside texts and a new release. The rare ones (a save that failed,
/// a conflict with another tab, storage that cannot be used, the import question, plans
/// kept aside) are a part, fetched the first time one is shown.
#[component]
pub fn Banners() -> impl IntoView {
    let context = use_plan();
    fade_news(context);
    let save_problem = Memo::new(move |_| {
        context
            .session
            .save_state
            .with(|state| matches!(state, SaveState::Failed(_) | SaveState::Conflict { .. } | SaveState::InMemory(_)))
    });
    let any_kept = Memo::new(move |_| context.session.kept.with(|kept| !kept.is_empty()));
    let import_question = Memo::new(move |_| context.document.import_question.with(Option::is_some));
    view! {
        <div class="banners" aria-live="polite">
            <UpdateBanner/>
            {move || save_problem.get().then(|| parts::show("this warning", || Box::pin(super::save_problem_banner())))}
            {move || import_question.get().then(|| parts::show("this question", || Box::pin(super::import_question_banner())))}
            {move || context.session.notice.get().map(|notice| {
                let class = if notice.is_error { "banner banner--error" } else { "banner banner--info" };
                view! {
                    <div class=class role=if notice.is_error { "alert" } else { "status" } data-testid="notice">
                        <div class="banner__body">
                            <p class="banner__text">{notice.text.clone()}</p>
                            {(!notice.details.is_empty()).then(|| view! {
                                <ul class="banner__details">
                                    {notice.details.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}
                                </ul>
                            })}
                        </div>
                        <button type="button" class="button button--quiet" aria-label="Dismiss" on:click=move |_| context.session.notice.set(None)>"✕"</button>
                    </div>
                }
            })}
            {move || any_kept.get().then(|| parts::show("the kept-aside plans", || Box::pin(super::kept_aside_banners())))}
        </div>
    }
}

/// News ("Baseline B1 set") fades after a few seconds; a problem stays until it is
/// answered or dismissed (`Notice::fades_after_ms`). Moving to another view takes news
/// away too (`PlanContext::show_page`).
fn fade_news(context: PlanContext) {
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let notice = context.session.notice.get();
        if let Some(old) = timer.try_update_value(Option::take).flatten() {
            old.clear();
        }
        if let Some(notice) = notice {
            fade_when_read(context, timer, notice);
        }
    });
    on_cleanup(move || {
        if let Some(old) = timer.try_update_value(Option::take).flatten() {
            old.clear();
        }
    });
}

/// Takes `notice` away after its time, unless the pointer or the focus is on it (then it
/// waits another round), or another message took its place.
fn fade_when_read(context: PlanContext, timer: StoredValue<Option<TimeoutHandle>, LocalStorage>, notice: Notice) {
    let Some(delay) = notice.fades_after_ms() else { return };
    let handle = set_timeout_with_handle(
        move || {
            let being_read = document()
                .query_selector("[data-testid=notice]:hover, [data-testid=notice]:focus-within")
                .ok()
                .flatten()
                .is_some();
            if being_read {
                fade_when_read(context, timer, notice);
            } else if context.session.notice.try_get_untracked().flatten().as_ref() == Some(&notice) {
                context.session.notice.set(None);
            }
        },
        std::time::Duration::from_millis(u64::from(delay)),
    );
    timer.try_set_value(handle.ok());
}

/// The question undo asks before it removes a plan imported in this tab, then the way
/// back once it has (a part: see [`Banners`]).
#[component]
pub fn ImportQuestionBanner() -> impl IntoView {
    let context = use_plan();
    let keep = move || context.document.import_question.set(None);
    move || {
        match context.document.import_question.get()? {
        ImportQuestion::Remove { name, file_name, edits } => {
            crate::ui::widgets::focus_when_drawn("[data-testid=keep-import]".to_string(), false);
            let what_leaves = match edits {
                0 => "The plan leaves this browser.".to_string(),
                1 => "The plan and its 1 edit leave this browser.".to_string(),
                edits => format!("The plan and its {edits} edits leave this browser."),
            };
            Some(view! {
                <div class="banner banner--warning banner--floating" role="alertdialog" aria-labelledby="import-question" data-testid="import-question"
                    on:keydown=move |event| if event.key() == "Escape" { keep() }>
                    <div class="banner__body">
                        <p class="banner__text" id="import-question">{format!("Undo the import of \u{201c}{name}\u{201d}? {what_leaves}")}</p>
                        <p class="banner__hint">{format!("It was opened from {file_name}. Export it first to keep a copy; Redo brings it back.")}</p>
                    </div>
                    <button type="button" class="button" data-testid="export-before-removing" on:click=move |_| export_plan(context)>"Export first"</button>
                    <button type="button" class="button button--danger" data-testid="remove-import" on:click=move |_| context.remove_import()>"Remove the plan"</button>
                    <button type="button" class="button" data-testid="keep-import" on:click=move |_| keep()>"Keep it"</button>
                </div>
            }.into_any())
        }
        ImportQuestion::Removed { name } => Some(view! {
            <div class="banner banner--info banner--floating" role="status" data-testid="import-removed">
                <p class="banner__text banner__body">{format!("\u{201c}{name}\u{201d} was removed from this browser.")}</p>
                <button type="button" class="button" data-testid="bring-back-import" on:click=move |_| context.redo()>"Bring it back (Redo)"</button>
                <button type="button" class="button button--quiet" aria-label="Dismiss" on:click=move |_| keep()>"✕"</button>
            </div>
        }.into_any()),
    }
    }
}

/// The banner of a save that failed, a conflict with another tab, or storage that cannot
/// be used (a part: see [`Banners`]).
#[component]
pub fn SaveProblemBanner() -> impl IntoView {
    let context = use_plan();
    move || {
        match context.session.save_state.get() {
        SaveState::Failed(message) => Some(view! {
            <div class="banner banner--error" role="alert" data-testid="save-error">
                <span>{message}</span>
                <button type="button" class="button" on:click=move |_| context.save_now()>"Try again"</button>
                <button type="button" class="button" on:click=move |_| export_plan(context)>"Export"</button>
                <button type="button" class="button button--quiet" on:click=move |_| context.close_without_saving()>"Close without saving"</button>
            </div>
        }.into_any()),
        SaveState::Conflict { deleted } => Some(view! {
            <div class="banner banner--error" role="alert" data-testid="save-conflict">
                <span>{if deleted {
                    "This plan was deleted in another tab while this tab had changes. Nothing here is saved until you choose."
                } else {
                    "This plan was saved in another tab while this tab had changes of its own. Nothing here is saved until you choose: saving now would overwrite the other tab's work."
                }}</span>
                {(!deleted).then(|| view! {
                    <button type="button" class="button" data-testid="load-other-version" on:click=move |_| context.load_stored_version()>"Load the other tab's version"</button>
                })}
                <button type="button" class="button" data-testid="keep-as-copy" on:click=move |_| context.keep_as_copy()>"Keep this tab's version as a copy"</button>
                <button type="button" class="button" on:click=move |_| export_plan(context)>"Export"</button>
            </div>
        }.into_any()),
        SaveState::InMemory(why) => Some(view! {
            <div class="banner banner--warning" role="alert" data-testid="storage-unavailable">
                {format!("Plans cannot be kept in this browser: {why}. You can still plan here; export the plan before you close the tab.")}
            </div>
        }.into_any()),
        _ => None,
    }
    }
}

/// One banner per stored plan that could not be read and was kept aside (a part: see
/// [`Banners`]).
#[component]
pub fn KeptAsideBanners() -> impl IntoView {
    let context = use_plan();
    view! {
        <For each=move || context.session.kept.get() key=|(key, _)| key.clone() let:kept>
            {
                let (key, text) = kept;
                let download_key = key.clone();
                let discard_key = key.clone();
                view! {
                    <div class="banner banner--warning" data-testid="kept-aside">
                        <span>"A stored plan could not be read and was kept aside, unchanged."</span>
                        <button type="button" class="button" on:click=move |_| {
                            let name = format!("{}.unreadable.json", download_key.replace(':', "-"));
                            let _ = files::download(&name, &text, "application/json");
                        }>"Download it"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| context.discard_kept(&discard_key)>"Discard"</button>
                    </div>
                }
            }
        </For>
    }
}
