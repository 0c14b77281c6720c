/// The style sheet of the transcript page. Every rule is under
/// `.cues-transcript`, the class of the page's one `<article>`, so the
/// article and this sheet pasted into a site style nothing else there. No
/// font or image is fetched: the system's fonts, light or dark as the
/// reader's system prefers, one column on a phone. It keeps to the CSS the
/// Nu HTML Checker knows (no `color-scheme`, `aspect-ratio` or `:has()`), so
/// the page validates whole.
enum HTMLTranscriptStyle {
    static let css = """
        .cues-transcript {
          --cues-bg: #fbfaf8;
          --cues-fg: #1f2328;
          --cues-muted: #656d76;
          --cues-rule: #e4e1dc;
          --cues-accent: #0a66c2;
          --cues-current: #fff3c4;
          --cues-current-edge: #e3a008;
          --cues-s1: #0a66c2; --cues-s2: #b3261e; --cues-s3: #1a7f37;
          --cues-s4: #8250df; --cues-s5: #9a6700; --cues-s6: #0b7a8a;
          background: var(--cues-bg);
          color: var(--cues-fg);
          font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
          padding: 2.5rem 1.25rem 4rem;
          -webkit-text-size-adjust: 100%;
          text-size-adjust: 100%;
        }
        @media (prefers-color-scheme: dark) {
          .cues-transcript {
            --cues-bg: #16181c;
            --cues-fg: #e6e6e3;
            --cues-muted: #9aa1a9;
            --cues-rule: #2e3238;
            --cues-accent: #6cb6ff;
            --cues-current: #3a3217;
            --cues-current-edge: #d4a72c;
            --cues-s1: #6cb6ff; --cues-s2: #ff8a80; --cues-s3: #6fdd8b;
            --cues-s4: #c297ff; --cues-s5: #e3b341; --cues-s6: #56d4dd;
          }
        }
        .cues-transcript *, .cues-transcript *::before, .cues-transcript *::after { box-sizing: border-box; }
        .cues-transcript > * { max-width: 44rem; margin-left: auto; margin-right: auto; }
        .cues-transcript a { color: var(--cues-accent); text-decoration: none; }
        .cues-transcript a:hover { text-decoration: underline; }
        .cues-transcript a:focus-visible { outline: 2px solid var(--cues-accent); outline-offset: 2px; border-radius: 3px; }
        .cues-transcript .cues-head { margin-bottom: 1.25rem; }
        .cues-transcript .cues-show { margin: 0 0 .35rem; color: var(--cues-muted); font-size: .8125rem; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; }
        .cues-transcript h1 { margin: 0; font-size: clamp(1.75rem, 4.5vw, 2.4rem); line-height: 1.15; letter-spacing: -.015em; font-weight: 700; }
        .cues-transcript .cues-meta { margin: .75rem 0 0; color: var(--cues-muted); font-size: .9375rem; }
        .cues-transcript .cues-description { margin: 1rem 0 0; }
        .cues-transcript .cues-player { position: sticky; top: 0; z-index: 1; padding: .5rem 0; background: var(--cues-bg); }
        .cues-transcript .cues-player audio, .cues-transcript .cues-player video { display: block; width: 100%; }
        .cues-transcript .cues-player video { max-height: 50vh; background: #000; border-radius: 8px; }
        .cues-transcript .cues-toc { margin-top: 2rem; margin-bottom: 2.5rem; padding: 1.25rem 1.5rem; border: 1px solid var(--cues-rule); border-radius: 10px; }
        .cues-transcript .cues-toc h2 { margin: 0 0 .5rem; font-size: .8125rem; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; color: var(--cues-muted); }
        .cues-transcript .cues-toc ol { margin: 0; padding: 0; list-style: none; counter-reset: cues-toc; }
        .cues-transcript .cues-toc li { display: flex; gap: 1rem; align-items: baseline; padding: .3rem 0; counter-increment: cues-toc; }
        .cues-transcript .cues-toc li + li { border-top: 1px dashed var(--cues-rule); }
        .cues-transcript .cues-toc li::before { content: counter(cues-toc); min-width: 1.5rem; color: var(--cues-muted); font-variant-numeric: tabular-nums; }
        .cues-transcript .cues-toc li a { flex: 1; display: flex; gap: 1rem; align-items: baseline; color: var(--cues-fg); }
        .cues-transcript .cues-toc li a bdi { flex: 1; }
        .cues-transcript .cues-time { color: var(--cues-muted); font-size: .875rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .cues-transcript a.cues-time:hover { color: var(--cues-accent); }
        .cues-transcript .cues-chapter { display: flex; gap: .75rem; align-items: baseline; margin-top: 2.75rem; margin-bottom: 1rem; padding-bottom: .4rem; border-bottom: 1px solid var(--cues-rule); font-size: 1.375rem; line-height: 1.3; letter-spacing: -.01em; scroll-margin-top: 5rem; }
        .cues-transcript .cues-chapter .cues-time { order: 1; margin-left: auto; font-weight: 400; }
        .cues-transcript .cues-line { display: grid; grid-template-columns: 4.25rem 1fr; column-gap: .75rem; margin: 0 -.75rem; padding: .55rem .75rem; border-left: 3px solid transparent; border-radius: 6px; scroll-margin-top: 5rem; }
        .cues-transcript .cues-line > .cues-time { grid-row: 1 / span 2; padding-top: .1rem; text-align: right; }
        .cues-transcript .cues-speaker { display: block; font-weight: 600; font-size: .9375rem; color: var(--cues-s1); }
        .cues-transcript .cues-s2 .cues-speaker { color: var(--cues-s2); }
        .cues-transcript .cues-s3 .cues-speaker { color: var(--cues-s3); }
        .cues-transcript .cues-s4 .cues-speaker { color: var(--cues-s4); }
        .cues-transcript .cues-s5 .cues-speaker { color: var(--cues-s5); }
        .cues-transcript .cues-s6 .cues-speaker { color: var(--cues-s6); }
        .cues-transcript .cues-text { grid-column: 2; }
        .cues-transcript .cues-line:target, .cues-transcript .cues-line.is-current { background: var(--cues-current); border-left-color: var(--cues-current-edge); }
        @media (min-width: 62rem) {
          .cues-transcript .cues-line { margin-left: calc(-5.75rem - 3px); }
        }
        @media (max-width: 34rem) {
          .cues-transcript { padding: 1.5rem 1rem 3rem; font-size: 1rem; }
          .cues-transcript .cues-line { grid-template-columns: auto 1fr; }
          .cues-transcript .cues-line > .cues-time { grid-row: 1; grid-column: 2; text-align: left; }
          .cues-transcript .cues-speaker { grid-row: 1; grid-column: 1; }
          .cues-transcript .cues-text { grid-column: 1 / span 2; }
          .cues-transcript .cues-toc { padding: 1rem; }
        }
        @media print {
          .cues-transcript { background: none; color: #000; padding: 0; }
          .cues-transcript .cues-player { display: none; }
          .cues-transcript .cues-line.is-current { background: none; }
        }
        @media (prefers-reduced-motion: no-preference) {
          .cues-transcript .cues-line { transition: background-color .2s ease; }
        }
        """
}
