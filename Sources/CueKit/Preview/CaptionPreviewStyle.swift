/// The style sheet of the caption preview: the player and its captions on
/// the left, the list of captions on the right (one column on a phone),
/// light or dark as the reader's system prefers, the system's fonts. It
/// keeps to the CSS the Nu HTML Checker knows (a 16:9 box by its padding,
/// no `aspect-ratio`, `inset` or `:has()`), so the page validates whole.
enum CaptionPreviewStyle {
    static let css = """
        .cues-preview {
          --pv-bg: #f6f7f9;
          --pv-card: #ffffff;
          --pv-fg: #1f2328;
          --pv-muted: #656d76;
          --pv-rule: #dfe3e8;
          --pv-accent: #0a66c2;
          --pv-accent-soft: #e7f0fb;
          --pv-bad: #cf222e;
          --pv-bad-soft: #ffebe9;
          --pv-good: #1a7f37;
          --pv-good-soft: #dafbe1;
          --pv-strip: #e8ebef;
          --pv-tick: #8c959f;
          min-height: 100vh;
          background: var(--pv-bg);
          color: var(--pv-fg);
          font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
          padding: 1.75rem clamp(1rem, 3vw, 2.5rem) 3rem;
          -webkit-text-size-adjust: 100%;
          text-size-adjust: 100%;
        }
        @media (prefers-color-scheme: dark) {
          .cues-preview {
            --pv-bg: #111317;
            --pv-card: #1a1d22;
            --pv-fg: #e6e6e3;
            --pv-muted: #9aa1a9;
            --pv-rule: #2e333a;
            --pv-accent: #6cb6ff;
            --pv-accent-soft: #132a42;
            --pv-bad: #ff7b72;
            --pv-bad-soft: #3b1c1c;
            --pv-good: #6fdd8b;
            --pv-good-soft: #16301f;
            --pv-strip: #22262c;
            --pv-tick: #5b636d;
          }
        }
        .cues-preview *, .cues-preview *::before, .cues-preview *::after { box-sizing: border-box; }
        .cues-preview a { color: var(--pv-accent); text-decoration: none; }
        .cues-preview a:hover { text-decoration: underline; }
        .cues-preview :focus-visible { outline: 2px solid var(--pv-accent); outline-offset: 2px; }
        .cues-preview h2 { margin: 0 0 .6rem; font-size: .8125rem; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; color: var(--pv-muted); }
        .cues-preview .pv-head { max-width: 90rem; margin: 0 auto 1.5rem; }
        .cues-preview .pv-kicker { margin: 0; color: var(--pv-muted); font-size: .8125rem; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; }
        .cues-preview h1 { margin: .15rem 0 .35rem; font-size: clamp(1.5rem, 3vw, 2rem); line-height: 1.2; letter-spacing: -.01em; overflow-wrap: anywhere; }
        .cues-preview .pv-summary, .cues-preview .pv-limits { margin: 0; color: var(--pv-muted); font-size: .9375rem; }
        .cues-preview .pv-verdict { display: inline-block; margin: .75rem 0; padding: .45rem .8rem; border-radius: 8px; font-size: .9375rem; }
        .cues-preview .pv-verdict.is-good { background: var(--pv-good-soft); color: var(--pv-good); }
        .cues-preview .pv-verdict.is-bad { background: var(--pv-bad-soft); color: var(--pv-bad); }
        .cues-preview .pv-verdict.is-bad a { color: inherit; text-decoration: underline; }
        .cues-preview .pv-layout { display: grid; grid-template-columns: minmax(0, 1.4fr) minmax(20rem, 1fr); gap: 2rem; max-width: 90rem; margin: 0 auto; align-items: start; }
        .cues-preview .pv-stage-column { position: sticky; top: 1rem; }
        .cues-preview .pv-stage { position: relative; height: 0; padding-top: 56.25%; background: #0d0f12; border-radius: 12px; overflow: hidden; box-shadow: 0 1px 3px rgba(0, 0, 0, .12), 0 8px 24px rgba(0, 0, 0, .08); }
        .cues-preview .pv-stage.is-silent::before { content: "No media: a silent timeline as long as the captions"; position: absolute; top: 38%; left: 0; right: 0; text-align: center; color: #5b636d; font-size: .9375rem; }
        .cues-preview .pv-player { position: absolute; top: 0; left: 0; width: 100%; height: 100%; object-fit: contain; background: transparent; }
        .cues-preview .pv-screen { position: absolute; left: 4%; right: 4%; bottom: 4.25rem; display: flex; flex-direction: column; align-items: center; gap: .25rem; pointer-events: none; text-align: center; }
        .cues-preview .pv-screen-cue { max-width: 100%; padding: .12em .5em; border-radius: 4px; background: rgba(0, 0, 0, .78); color: #fff; font-size: clamp(.95rem, 2.2vw, 1.6rem); line-height: 1.35; white-space: pre-line; }
        .cues-preview .pv-strip { position: relative; height: 1.75rem; margin-top: .85rem; border-radius: 6px; background: var(--pv-strip); overflow: hidden; }
        .cues-preview .pv-tick { position: absolute; top: .4rem; bottom: .4rem; min-width: 2px; border-radius: 2px; background: var(--pv-tick); }
        .cues-preview .pv-tick.is-flagged { background: var(--pv-bad); top: .25rem; bottom: .25rem; }
        .cues-preview .pv-playhead { position: absolute; top: 0; bottom: 0; left: 0; width: 2px; background: var(--pv-accent); z-index: 1; }
        .cues-preview .pv-chapters { margin-top: 1.5rem; }
        .cues-preview .pv-chapters ol { margin: 0; padding: 0; list-style: none; border: 1px solid var(--pv-rule); border-radius: 10px; background: var(--pv-card); overflow: hidden; }
        .cues-preview .pv-chapters li + li { border-top: 1px solid var(--pv-rule); }
        .cues-preview .pv-chapter { display: flex; gap: 1rem; width: 100%; padding: .55rem .9rem; border: 0; background: none; color: inherit; font: inherit; text-align: left; cursor: pointer; }
        .cues-preview .pv-chapter:hover { background: var(--pv-accent-soft); }
        .cues-preview .pv-chapter.is-current { background: var(--pv-accent-soft); box-shadow: inset 3px 0 0 var(--pv-accent); }
        .cues-preview .pv-time, .cues-preview .pv-cue-time, .cues-preview .pv-cue-stats, .cues-preview .pv-line-length, .cues-preview .pv-cue-number { font-variant-numeric: tabular-nums; }
        .cues-preview .pv-time { min-width: 3.5rem; color: var(--pv-muted); }
        .cues-preview .pv-captions-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
        .cues-preview .pv-filter { font-size: .875rem; color: var(--pv-muted); cursor: pointer; }
        .cues-preview .pv-cues { margin: 0; padding: 0; list-style: none; }
        .cues-preview .pv-cue { margin-bottom: .6rem; padding: .65rem .9rem .7rem; border: 1px solid var(--pv-rule); border-radius: 10px; background: var(--pv-card); scroll-margin: 1rem; }
        .cues-preview .pv-cue.is-flagged { box-shadow: inset 4px 0 0 var(--pv-bad); }
        .cues-preview .pv-cue.is-current { border-color: var(--pv-accent); box-shadow: 0 0 0 1px var(--pv-accent); background: var(--pv-accent-soft); }
        .cues-preview .pv-cue.is-flagged.is-current { box-shadow: inset 4px 0 0 var(--pv-bad), 0 0 0 1px var(--pv-accent); }
        .cues-preview .pv-cue:target { border-color: var(--pv-accent); }
        .cues-preview.is-only-flagged .pv-cue:not(.is-flagged) { display: none; }
        .cues-preview .pv-cue-head { display: flex; align-items: baseline; gap: .6rem; font-size: .8125rem; color: var(--pv-muted); }
        .cues-preview .pv-cue-number { min-width: 1.75rem; font-weight: 600; }
        .cues-preview .pv-cue-stats { margin-left: auto; white-space: nowrap; }
        .cues-preview .pv-cue-text { margin-top: .3rem; font-size: 1.0625rem; }
        .cues-preview .pv-voice { display: block; font-size: .8125rem; font-weight: 600; color: var(--pv-accent); }
        .cues-preview .pv-line { display: flex; gap: .75rem; justify-content: space-between; align-items: baseline; }
        .cues-preview .pv-line-text { overflow-wrap: anywhere; }
        .cues-preview .pv-line-length { flex: none; font-size: .75rem; color: var(--pv-muted); }
        .cues-preview .pv-line.is-over .pv-line-length { color: var(--pv-bad); font-weight: 700; }
        .cues-preview .pv-findings { display: flex; flex-wrap: wrap; gap: .35rem; margin: .5rem 0 0; padding: 0; list-style: none; }
        .cues-preview .pv-finding { padding: .1rem .6rem; border-radius: 999px; background: var(--pv-bad-soft); color: var(--pv-bad); font-size: .8125rem; }
        .cues-preview .pv-finding b { font-weight: 600; }
        @media (max-width: 56rem) {
          .cues-preview .pv-layout { grid-template-columns: minmax(0, 1fr); gap: 1.25rem; }
          .cues-preview .pv-stage-column { position: static; }
        }
        """
}
