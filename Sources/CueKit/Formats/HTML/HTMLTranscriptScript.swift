/// The script of the transcript page, inside its `<article>`: everything it
/// does, the page does without it too, except what needs a script. With a
/// player, a timestamp, a chapter heading's time and a contents entry seek
/// it there and play; the line being spoken is highlighted as it plays. A
/// `#t=` fragment of any moment (`#t=1:17`, `#t=77`, `#t=1:02:03.5`) goes to
/// the line spoken then, highlights it and cues the player there. It keeps
/// to its own article: no global name, no request, no text written as markup.
enum HTMLTranscriptScript {
    static let javaScript = """
        (function () {
          "use strict";
          var script = document.currentScript;
          var root = script && script.closest(".cues-transcript");
          if (!root) return;
          var media = root.querySelector(".cues-player audio, .cues-player video");
          var lines = Array.prototype.slice.call(root.querySelectorAll(".cues-line[data-start]"));
          var starts = lines.map(function (line) { return Number(line.getAttribute("data-start")); });
          var order = starts.map(function (start, index) { return index; });
          order.sort(function (a, b) { return starts[a] - starts[b] || a - b; });
          var current = null;

          function lineAt(ms) {
            var low = 0, high = order.length - 1, found = -1;
            while (low <= high) {
              var middle = (low + high) >> 1;
              if (starts[order[middle]] <= ms) { found = middle; low = middle + 1; } else { high = middle - 1; }
            }
            if (found < 0) return order.length ? lines[order[0]] : null;
            return lines[order[found]];
          }

          function mark(line) {
            if (line === current) return;
            if (current) { current.classList.remove("is-current"); current.removeAttribute("aria-current"); }
            current = line;
            if (line) { line.classList.add("is-current"); line.setAttribute("aria-current", "time"); }
          }

          function seek(ms, play) {
            if (!media || !isFinite(ms)) return;
            media.currentTime = ms / 1000;
            if (play) {
              var playing = media.play();
              if (playing && playing.catch) playing.catch(function () {});
            }
          }

          function parseTime(text) {
            var match = /^(?:(\\d+):)?(?:(\\d+):)?(\\d+(?:\\.\\d+)?)(?:-\\d+)?$/.exec(text);
            if (!match) return NaN;
            var parts = [match[1], match[2]].filter(function (part) { return part !== undefined; }).map(Number);
            var seconds = Number(match[3]);
            if (parts.length === 2) seconds += parts[0] * 3600 + parts[1] * 60;
            else if (parts.length === 1) seconds += parts[0] * 60;
            return Math.round(seconds * 1000);
          }

          function openFragment() {
            var hash = location.hash;
            if (hash.indexOf("#t=") !== 0) return;
            var ms = parseTime(decodeURIComponent(hash.slice(3)));
            if (isNaN(ms)) return;
            var line = lineAt(ms);
            mark(line);
            if (line && line.id !== decodeURIComponent(hash.slice(1))) line.scrollIntoView({ block: "center" });
            seek(ms, false);
          }

          root.addEventListener("click", function (event) {
            var link = event.target.closest ? event.target.closest("a[data-start]") : null;
            if (!link || !root.contains(link)) return;
            var ms = Number(link.getAttribute("data-start"));
            mark(lineAt(ms));
            seek(ms, true);
          });
          if (media) {
            media.addEventListener("timeupdate", function () { mark(lineAt(media.currentTime * 1000)); });
          }
          window.addEventListener("hashchange", openFragment);
          openFragment();
        })();
        """
}
