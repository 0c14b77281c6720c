#!/usr/bin/env python3
"""A real HTTP server on loopback for the --fetch tests (Tests/CuesCLITests/FetchCommandTests.swift).

Writes its port to the file named by its argument (or prints it), then serves until killed:
  /feed.xml            three items whose chapters and transcripts are served here
                       (relative, absolute and redirected links; several transcripts)
  /failing.xml         one good item, then one item per failure: 404, 500, a redirect
                       loop, a body over the cap, a server that never answers, a wrong
                       content type, a file: URL
  /cached.xml          one item whose chapters carry an ETag (a second request with
                       If-None-Match gets 304)
  /stats               how many 200 and 304 answers /etag.chapters.json gave, as JSON
"""
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHAPTERS = {
    "ep1": [(0, "Welcome"), (65, "The harbour")],
    "ep2": [(0, "Cold open"), (30, "Interview"), (600, "Outro")],
    "ep3": [(0, "Start"), (120.5, "Storm")],
    "ok": [(0, "Only chapter")],
    "etag": [(0, "Cached"), (10, "Still cached")],
}
counts = {"200": 0, "304": 0}
lock = threading.Lock()


def chapters_json(key):
    return json.dumps({"version": "1.2.0", "chapters": [{"startTime": s, "title": t} for s, t in CHAPTERS[key]]})


def item(title, chapters=None, transcripts=()):
    parts = [f"<item><title>{title}</title><guid>{title}</guid>"]
    if chapters:
        parts.append(f'<podcast:chapters url="{chapters}" type="application/json+chapters"/>')
    for url, kind in transcripts:
        parts.append(f'<podcast:transcript url="{url}" type="{kind}"/>')
    parts.append("</item>")
    return "".join(parts)


def feed(items):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Loopback Show</title>'
            + "".join(items) + "</channel></rss>\n")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, kind="text/plain", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        path = self.path
        if path == "/feed.xml":
            self.send(200, feed([
                item("Episode 1", "chapters/ep1.json", [("ep1.srt", "application/x-subrip"), ("ep1.vtt", "text/vtt")]),
                item("Episode 2", f"{base}/ep2.chapters.json", [(f"{base}/ep2.transcript.json", "application/json")]),
                item("Episode 3", "/redirect/ep3.chapters.json", [("ep3.srt", "application/x-subrip")]),
            ]), "application/rss+xml")
        elif path == "/failing.xml":
            self.send(200, feed([
                item("Fine", "ok.chapters.json"),
                item("Missing", "missing.chapters.json"),
                item("Broken", "error.chapters.json"),
                item("Loop", "loop.chapters.json"),
                item("Huge", "huge.chapters.json"),
                item("Silent", "silent.chapters.json"),
                item("Page", "page.chapters.json"),
                item("Local", "file:///etc/passwd"),
            ]), "application/rss+xml")
        elif path == "/cached.xml":
            self.send(200, feed([item("Cached", "etag.chapters.json")]), "application/rss+xml")
        elif path == "/etag.chapters.json":
            with lock:
                if self.headers.get("If-None-Match") == '"v1"':
                    counts["304"] += 1
                    self.send_response(304)
                    self.send_header("ETag", '"v1"')
                    self.end_headers()
                    return
                counts["200"] += 1
            self.send(200, chapters_json("etag"), "application/json+chapters", [("ETag", '"v1"')])
        elif path == "/stats":
            with lock:
                self.send(200, json.dumps(counts), "application/json")
        elif path in ("/chapters/ep1.json", "/ep2.chapters.json", "/ep3.chapters.json", "/ok.chapters.json"):
            key = path.split("/")[-1].split(".")[0]
            self.send(200, chapters_json(key), "application/json+chapters")
        elif path == "/redirect/ep3.chapters.json":
            self.send(302, "", headers=[("Location", "/ep3.chapters.json")])
        elif path == "/ep1.vtt":
            self.send(200, "WEBVTT\n\n00:00.000 --> 00:04.000\n<v Ada>Welcome aboard.\n\n00:04.000 --> 00:09.500\n<v Ada>Today, the harbour.\n", "text/vtt")
        elif path == "/ep1.srt":
            self.send(200, "1\n00:00:00,000 --> 00:00:01,000\nthe SubRip copy, not preferred\n", "application/x-subrip")
        elif path == "/ep2.transcript.json":
            self.send(200, json.dumps({"version": "1.0.0", "segments": [
                {"speaker": "Bo", "startTime": 0, "endTime": 2.5, "body": "Hi."},
                {"speaker": "Cy", "startTime": 2.5, "endTime": 6, "body": "Hello there."},
            ]}), "application/json")
        elif path == "/ep3.srt":
            self.send(200, "1\n00:00:01,000 --> 00:00:03,000\nStorm warning.\n", "application/x-subrip")
        elif path == "/error.chapters.json":
            self.send(500, "internal error")
        elif path == "/loop.chapters.json":
            self.send(302, "", headers=[("Location", "/loop.chapters.json")])
        elif path == "/huge.chapters.json":
            size = 65 << 20
            self.send_response(200)
            self.send_header("Content-Type", "application/json+chapters")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b" " * (1 << 20)
            try:
                for _ in range(65):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/silent.chapters.json":
            time.sleep(60)
        elif path == "/page.chapters.json":
            self.send(200, "<!DOCTYPE html><html><body>Not found, but said nicely</body></html>", "text/html")
        else:
            self.send(404, "not found")


# A parent that ignores SIGTERM passes that on through exec; stop on it.
signal.signal(signal.SIGTERM, signal.SIG_DFL)
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if len(sys.argv) > 1:
    with open(sys.argv[1] + ".partial", "w") as file:
        file.write(str(server.server_port))
    import os
    os.rename(sys.argv[1] + ".partial", sys.argv[1])
else:
    print(server.server_port, flush=True)
server.serve_forever()
