//! The page's title, its one-line lede, and the two things a reader does with the whole page:
//! lecture mode, the embed snippet and the theme.

use leptos::prelude::*;

use super::store::use_store;
use super::theme::ThemeChoice;
use super::url;

/// Title, lede, the lecture-mode button, "Embed a figure" and the theme.
#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    let present = store.present;
    view! {
        <header>
            <h1>"vistok"</h1>
            <p class="lede">
                "How a vision-language model turns your image into tokens. Drop an image, drag the size, pick a model: "
                "the grid shows the ViT patches, the thick lines the tokens they merge into, and the chart what resolution costs."
            </p>
            <div class="share">
                <button data-testid="present-toggle" on:click=move |_| present.update(|p| *p = !*p)>
                    {move || if present.get() { "Leave lecture mode" } else { "Lecture mode" }}
                </button>
                <EmbedCode />
                <ThemeControl />
            </div>
        </header>
    }
}

/// Light, dark or the reader's system setting.
#[component]
fn ThemeControl() -> impl IntoView {
    let choice = use_store().theme.choice;
    view! {
        <label class="theme-control">"Theme "
            <select data-testid="theme-control" prop:value=move || choice.get().name() on:change=move |ev| {
                if let Some(c) = ThemeChoice::parse(&event_target_value(&ev)) { choice.set(c) }
            }>
                {ThemeChoice::ALL.into_iter().map(|c| view! {
                    <option value=c.name()>{match c { ThemeChoice::Auto => "Auto (system)", ThemeChoice::Light => "Light", ThemeChoice::Dark => "Dark" }}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// The script that goes with the embed snippet (the README shows the same): it sizes each frame
/// from its `vistok-height` messages and forwards the host page's `data-theme` (al-folio's
/// toggle) as `{type: "vistok-theme", theme}`.
pub const EMBED_SCRIPT: &str = r#"<script>
  // Sizes each vistok frame to its content and hands it this page's theme: al-folio's toggle
  // sets data-theme="light" or "dark" on <html>, and the frames follow it live.
  (() => {
    const frames = () => document.querySelectorAll('iframe.vistok');
    const send = (frame) => {
      const theme = document.documentElement.getAttribute('data-theme');
      if (theme) frame.contentWindow?.postMessage({ type: 'vistok-theme', theme }, new URL(frame.src).origin);
    };
    addEventListener('message', (e) => {
      if (e.data?.type !== 'vistok-height') return;
      for (const frame of frames()) {
        if (frame.contentWindow !== e.source) continue;
        frame.height = e.data.height;
        // A frame's first message says it is listening: give it the theme.
        if (!frame.dataset.themed) { frame.dataset.themed = 'yes'; send(frame); }
      }
    });
    new MutationObserver(() => frames().forEach(send))
      .observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  })();
</script>"#;

/// "Embed this figure": the iframe snippet for the current view.
#[component]
fn EmbedCode() -> impl IntoView {
    let store = use_store();
    let target = RwSignal::new("overlay");
    let code = move || {
        let location = web_sys::window().map(|w| w.location());
        let base = location
            .as_ref()
            .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
            .unwrap_or_default();
        let query = location.and_then(|l| l.search().ok()).unwrap_or_default();
        let query =
            query.split('&').filter(|p| !p.starts_with("embed=") && !p.starts_with("?embed=")).collect::<Vec<_>>();
        let sep = if query.first().is_some_and(|q| q.starts_with('?')) { "&" } else { "?" };
        // The URL follows the controls after a pause; read the signals so the snippet does too.
        let _ = (store.model.get(), store.width.get(), store.height.get());
        format!(
            "<iframe class=\"vistok\" src=\"{base}{}{sep}embed={}\" title=\"vistok: visual tokens\" style=\"width: 100%; border: 0\" height=\"480\"></iframe>\n{EMBED_SCRIPT}",
            query.join("&"),
            target.get()
        )
    };
    view! {
        <details class="embed-code">
            <summary>"Embed a figure"</summary>
            <label>"Figure "
                <select data-testid="embed-target" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(t) = url::EMBEDS.iter().find(|e| **e == v) { target.set(t) }
                }>
                    {url::EMBEDS.iter().map(|e| view! { <option value=*e>{*e}</option> }).collect_view()}
                </select>
            </label>
            <textarea data-testid="embed-code" readonly rows="8" prop:value=code></textarea>
            <button data-testid="embed-copy" on:click=move |_| {
                if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
                    let _ = clipboard.write_text(&code());
                }
            }>"Copy embed code"</button>
        </details>
    }
}

#[cfg(test)]
mod tests {
    /// The page's snippet and the README's are one script, so what authors copy from either works alike.
    #[test]
    fn the_readme_shows_the_embed_script() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let indented: String = super::EMBED_SCRIPT.lines().map(|l| format!("  {l}\n")).collect();
        assert!(readme.contains(&indented), "README.md should show, indented by two spaces:\n{indented}");
    }
}
