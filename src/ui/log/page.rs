//! The Log page.

use leptos::prelude::*;

#[component]
pub fn LogPage() -> impl IntoView {
    view! {
        <section class="log-page" aria-labelledby="log-title">
            <h2 id="log-title">"Log"</h2>
            <super::change_requests::ChangeRequestsTab/>
        </section>
    }
}
