// The plan file reader's worker. This one small file runs in two places. The app's
// wasm-bindgen glue imports it on the page, where it only tells the page its own URL
// (the page starts it as a module worker from there). In the worker it loads the app's
// own glue and its compiled wasm module (both handed over by the page: no second build),
// reads the file and checks it with `read_plan_file_in_worker` (the app's `file::parse`),
// and posts back the problems, or the checked plan's JSON and where its pieces are.
// It says "ready" first: a page may start it through a wrapper script that loads this
// one later (as wasm-bindgen's test runner does), and a message sent before then is lost.
export function parse_worker_url() {
  return import.meta.url;
}

if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  self.onmessage = async (event) => {
    const { glue, module, file } = event.data;
    try {
      const app = await import(glue);
      await app.default({ module_or_path: module });
      const answer = app.read_plan_file_in_worker(await file.text());
      self.postMessage(answer, answer.json ? [answer.json.buffer, answer.words.buffer] : []);
    } catch (error) {
      self.postMessage({ failure: String(error) });
    }
  };
  self.postMessage("ready");
}
