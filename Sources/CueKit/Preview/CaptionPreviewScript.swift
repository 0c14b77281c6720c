/// The script of the caption preview. Without media it gives the player a
/// silent WAV as long as the timeline (made in memory: 8-bit mono at 3,000
/// samples a second, the lowest rate Chromium plays, about 11 MB an hour, at
/// most 12 hours),
/// so the player's clock, seeking and the text tracks work as with media.
/// It shows the captions showing over the player (the browser's own cue
/// rendering of the `<track>`, which an audio-only source does not get),
/// highlights their entries in the list and the current chapter, moves the
/// playhead along the strip, seeks from a chapter or a caption's time, and
/// shows the filter that lists only the captions over the limits.
enum CaptionPreviewScript {
    static let javaScript = """
        (function () {
          "use strict";
          var root = document.currentScript && document.currentScript.closest(".cues-preview");
          if (!root) return;
          var player = root.querySelector(".pv-player");
          var screen = root.querySelector(".pv-screen");
          var playhead = root.querySelector(".pv-playhead");
          var duration = Number(player.getAttribute("data-duration")) / 1000;
          var entries = new Map();
          Array.prototype.forEach.call(root.querySelectorAll(".pv-cue[data-start]"), function (entry) {
            var key = entry.getAttribute("data-start") + ":" + entry.getAttribute("data-end");
            if (!entries.has(key)) entries.set(key, []);
            entries.get(key).push(entry);
          });
          var chapterButtons = Array.prototype.slice.call(root.querySelectorAll(".pv-chapter[data-start]"));

          function silence(seconds) {
            var rate = 3000, count = Math.ceil(seconds * rate), buffer = new ArrayBuffer(44 + count), view = new DataView(buffer);
            function text(offset, value) { for (var i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i)); }
            text(0, "RIFF"); view.setUint32(4, 36 + count, true); text(8, "WAVE"); text(12, "fmt ");
            view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
            view.setUint32(24, rate, true); view.setUint32(28, rate, true); view.setUint16(32, 1, true); view.setUint16(34, 8, true);
            text(36, "data"); view.setUint32(40, count, true);
            new Uint8Array(buffer, 44).fill(128);
            return URL.createObjectURL(new Blob([buffer], { type: "audio/wav" }));
          }
          // At most 12 hours of silence (130 MB): beyond that the player stops there.
          if (!player.getAttribute("src")) {
            try { player.src = silence(Math.min(duration + 1, 12 * 3600)); } catch (error) { /* the list still shows every caption */ }
          }

          var captions = null, chapters = null;
          Array.prototype.forEach.call(player.textTracks, function (track) {
            if (track.kind === "chapters") chapters = track; else if (!captions) captions = track;
            track.mode = "hidden";
          });

          // The cues showing: Chromium keeps a cue active at its very end,
          // when the next one has started.
          function active(track) {
            if (!track || !track.activeCues) return [];
            return Array.prototype.filter.call(track.activeCues, function (cue) { return cue.endTime > player.currentTime; });
          }

          var current = [];
          function showCaptions() {
            current.forEach(function (entry) { entry.classList.remove("is-current"); });
            current = [];
            while (screen.firstChild) screen.removeChild(screen.firstChild);
            active(captions).forEach(function (cue) {
              var line = document.createElement("div");
              line.className = "pv-screen-cue";
              line.appendChild(cue.getCueAsHTML());
              screen.appendChild(line);
              var key = Math.round(cue.startTime * 1000) + ":" + Math.round(cue.endTime * 1000);
              (entries.get(key) || []).forEach(function (entry) { entry.classList.add("is-current"); current.push(entry); });
            });
            if (current.length && !player.paused) current[0].scrollIntoView({ block: "nearest" });
          }
          function showChapter() {
            var start = active(chapters).reduce(function (latest, cue) { return Math.max(latest, Math.round(cue.startTime * 1000)); }, -1);
            chapterButtons.forEach(function (button) {
              button.classList.toggle("is-current", Number(button.getAttribute("data-start")) === start);
            });
          }
          if (captions) captions.addEventListener("cuechange", showCaptions);
          if (chapters) chapters.addEventListener("cuechange", showChapter);
          player.addEventListener("timeupdate", function () {
            playhead.style.left = Math.min(100, player.currentTime / duration * 100) + "%";
          });

          var filter = root.querySelector("#pv-only-flagged");
          if (filter) {
            filter.closest("label").hidden = false;
            filter.addEventListener("change", function () { root.classList.toggle("is-only-flagged", filter.checked); });
          }

          root.addEventListener("click", function (event) {
            var target = event.target.closest ? event.target.closest("[data-start]") : null;
            if (!target || !root.contains(target) || target.classList.contains("pv-cue")) return;
            player.currentTime = Number(target.getAttribute("data-start")) / 1000;
          });
        })();
        """
}
