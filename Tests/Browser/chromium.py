#!/usr/bin/env python3
"""Opens one page in headless Chromium and reports what a script run in it
returns, the requests the page made, the exceptions it threw and what it
logged; optionally takes a screenshot.

Chromium is driven through the DevTools protocol over a pipe
(--remote-debugging-pipe: messages are JSON separated by NUL bytes on file
descriptors 3 and 4), with the standard library only. It is killed with
SIGKILL when done, whatever happens.

usage: chromium.py PAGE [--script FILE] [--screenshot PNG] [--width N]
                   [--height N] [--full-page] [--dark] [--no-javascript]
                   [--fragment #...] [--chromium PATH] [--timeout SECONDS]

The script is a JavaScript expression (an async function call is fine); its
value, which must be JSON, is awaited. Prints one JSON object:
{"value": ..., "screenshot": {"width", "height", "colours", "differing"},
 "requests": [url, ...], "exceptions": [text, ...], "console": [text, ...]}
(the screenshot's summary: its size, how many distinct colours it has and
what share of its pixels differ from the top-left one).
"""
import argparse
import base64
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import struct
import zlib


class Browser:
    def __init__(self, chromium, width, height, timeout):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="cues-chromium-")
        to_child_read, self.to_child = os.pipe()
        self.from_child, from_child_write = os.pipe()

        def descriptors():
            # The protocol's descriptors: 3 for commands, 4 for replies.
            commands, replies = os.dup(to_child_read), os.dup(from_child_write)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--hide-scrollbars", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
             "--user-data-dir=" + self.profile, "--window-size=%d,%d" % (width, height), "about:blank"],
            preexec_fn=descriptors, close_fds=False, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_read)
        os.close(from_child_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            os.kill(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        for descriptor in (self.to_child, self.from_child):
            try:
                os.close(descriptor)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        reply = self.wait(lambda m: m.get("id") == self.next_id)
        if "error" in reply:
            raise RuntimeError("%s: %s" % (method, reply["error"]))
        return reply.get("result", {})

    def wait(self, wanted, timeout=None):
        deadline = time.time() + (timeout or self.timeout)
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                if wanted(message):
                    return message
            remaining = deadline - time.time()
            ready, _, _ = select.select([self.from_child], [], [], max(0, remaining))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the protocol pipe")
            self.buffer += chunk


def picture_summary(png):
    """Width, height, how many distinct colours and what share of the pixels
    differ from the top-left one, read from 8-bit RGB or RGBA PNG bytes."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, data, width, height, channels = 8, b"", 0, 0, 0
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        body = png[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "expected 8-bit RGB or RGBA"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            data += body
        offset += 12 + length
    raw = zlib.decompress(data)
    stride = width * channels
    previous = bytearray(stride)
    colours, differing, first = set(), 0, None
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        for x in range(0, stride, channels):
            pixel = bytes(line[x:x + 3])
            if first is None:
                first = pixel
            colours.add(pixel)
            if pixel != first:
                differing += 1
        previous = line
    return {"width": width, "height": height, "colours": len(colours),
            "differing": differing / float(width * height)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--script")
    parser.add_argument("--screenshot")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--no-javascript", action="store_true", help="the page's own scripts do not run")
    parser.add_argument("--fragment", default="")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--timeout", type=float, default=60)
    options = parser.parse_args()

    browser = Browser(options.chromium, options.width, options.height, options.timeout)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            browser.send(domain + ".enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": options.width, "height": options.height, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        if options.dark:
            browser.send("Emulation.setEmulatedMedia",
                         {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}, session=session)
        if options.no_javascript:
            browser.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
        url = "file://" + os.path.abspath(options.page) + options.fragment
        browser.send("Page.navigate", {"url": url}, session=session)
        browser.wait(lambda m: m.get("method") == "Page.loadEventFired")
        value, picture = None, None
        if options.script:
            with open(options.script, encoding="utf-8") as source:
                expression = source.read()
            result = browser.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                       "returnByValue": True}, session=session)
            if "exceptionDetails" in result:
                details = result["exceptionDetails"]
                raise RuntimeError("the test script failed: %s" % details.get("exception", {}).get("description", details.get("text")))
            value = result["result"].get("value")
        if options.screenshot:
            params = {"format": "png", "captureBeyondViewport": options.full_page}
            if options.full_page:
                metrics = browser.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
                params["clip"] = {"x": 0, "y": 0, "width": options.width, "height": metrics["height"], "scale": 1}
            data = browser.send("Page.captureScreenshot", params, session=session)["data"]
            png = base64.b64decode(data)
            with open(options.screenshot, "wb") as image:
                image.write(png)
            picture = picture_summary(png)
        events = browser.events
        report = {
            "value": value,
            "screenshot": picture,
            # The start of each URL: a data: URL can be long.
            "requests": [e["params"]["request"]["url"][:100] for e in events if e["method"] == "Network.requestWillBeSent"],
            "exceptions": [e["params"]["exceptionDetails"].get("exception", {}).get("description", e["params"]["exceptionDetails"].get("text"))
                           for e in events if e["method"] == "Runtime.exceptionThrown"],
            "console": [" ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"])
                        for e in events if e["method"] == "Runtime.consoleAPICalled"],
        }
        json.dump(report, sys.stdout)
        sys.stdout.write("\n")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
