#!/usr/bin/env python3
"""Writes the ID3 samples of Samples/id3/ and Samples/invalid/id3-*.mp3.

Each sample is a hand-made ID3v2 tag followed by two MPEG audio frames of
silence (MPEG-2.5 Layer III, 8 kHz mono, 8 kbit/s, as LAME made them): a
few hundred bytes that players and FFmpeg take for an MP3. The bytes are
laid out here by hand, from the ID3v2.3.0, ID3v2.4.0 and chapter addendum
texts, independently of cues' own writer, so that reading them tests the
reader against the specification. Run it from the package root:

    python3 Samples/id3/make-samples.py
"""
import struct

AUDIO = bytes.fromhex(
    "ffe318c40000000348000000004c414d45332e3130305555555555555555555555555555"
    "55555555555555555555555555555555554c414d45332e31303055555555555555555555"
    "ffe318c43b00000348000000005555555555555555555555555555555555555555555555"
    "555555555555555555555555555555555555555555555555555555555555555555555555")
assert len(AUDIO) == 144


def syncsafe(n):
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def frame(version, fid, data, flags=0):
    size = syncsafe(len(data)) if version == 4 else struct.pack(">I", len(data))
    return fid.encode() + size + struct.pack(">H", flags) + data


def header(version, size, flags=0):
    return b"ID3" + bytes([version, 0, flags]) + syncsafe(size)


def latin1(text):
    return b"\x00" + text.encode("latin-1")


def utf8(text):
    return b"\x03" + text.encode("utf-8")


def utf16(text, big_endian=False):
    bom = b"\xfe\xff" if big_endian else b"\xff\xfe"
    return b"\x01" + bom + text.encode("utf-16-be" if big_endian else "utf-16-le")


def utf16be(text):
    return b"\x02" + text.encode("utf-16-be")


def chap(version, element, start, end, subframes):
    return frame(version, "CHAP", element.encode() + b"\x00" + struct.pack(">IIII", start, end, 0xFFFFFFFF, 0xFFFFFFFF) + b"".join(subframes))


def ctoc(version, element, children, subframes=(), flags=0x03):
    ids = b"".join(c.encode() + b"\x00" for c in children)
    return frame(version, "CTOC", element.encode() + b"\x00" + bytes([flags, len(children)]) + ids + b"".join(subframes))


def unsynchronise(data):
    """Inserts $00 after every $FF followed by %111xxxxx or $00 (and after a final $FF)."""
    out = bytearray()
    for i, b in enumerate(data):
        out.append(b)
        if b == 0xFF and (i + 1 == len(data) or data[i + 1] >= 0xE0 or data[i + 1] == 0x00):
            out.append(0)
    return bytes(out)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


# A v2.4 tag as a podcast editor might write it: frames in no particular
# order, an ordered top-level CTOC, a silent chapter it does not list
# (with an embedded picture), every text encoding, a URL, a linked picture,
# a description, 20 bytes of padding.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452")
v4 = 4
frames = b"".join([
    frame(v4, "TIT2", utf8("Harbour episode")),
    frame(v4, "TPE1", utf8("Ada Host")),
    frame(v4, "TALB", utf8("Harbour Radio")),
    frame(v4, "TLEN", latin1("185000")),
    frame(v4, "COMM", b"\x03eng" + b"\x00" + "Show notes here".encode()),
    ctoc(v4, "toc", ["chp0", "chp1", "chp2"], [frame(v4, "TIT2", utf8("Contents"))]),
    chap(v4, "chp2", 120500, 185000, [
        frame(v4, "TIT2", latin1("Outro caf\u00e9")),
        frame(v4, "APIC", b"\x00" + b"-->\x00" + b"\x00" + b"\x00" + b"https://example.org/outro.jpg"),
    ]),
    chap(v4, "ad", 30000, 45000, [
        frame(v4, "TIT2", utf8("Sponsor")),
        frame(v4, "APIC", b"\x00" + b"image/png\x00" + b"\x03" + b"\x00" + PNG),
    ]),
    chap(v4, "chp0", 0, 60000, [
        frame(v4, "TIT2", utf8("Cold open")),
        frame(v4, "TIT3", utf8("The harbour at dawn")),
    ]),
    chap(v4, "chp1", 60000, 120500, [
        frame(v4, "TIT2", utf16("\u00dcber die Br\u00fccke")),
        frame(v4, "WXXX", b"\x00" + b"\x00" + b"https://example.org/bridge"),
    ]),
])
padding = b"\x00" * 20
write("Samples/id3/chapters.mp3", header(v4, len(frames) + len(padding)) + frames + padding + AUDIO)

# A v2.3 tag unsynchronised as a whole, with an extended header (6 bytes,
# no CRC): times and texts with $FF bytes that unsynchronisation changes.
v3 = 3
body = b"".join([
    struct.pack(">IHI", 6, 0, 0),  # extended header: size 6, no flags, no padding
    frame(v3, "TPE1", utf16("\u00ffvonne")),  # FF 00 in UTF-16LE: escaped
    ctoc(v3, "toc", ["c1", "c2"]),
    chap(v3, "c1", 255, 1000, [frame(v3, "TIT2", utf16("\u00ff\u00ff Stra\u00dfe", big_endian=True))]),
    chap(v3, "c2", 1000, 2000, [frame(v3, "TIT2", latin1("Ende \u00ff"))]),
])
stored = unsynchronise(body)
write("Samples/id3/unsynchronised-v23.mp3", header(v3, len(stored), flags=0xC0) + stored + AUDIO)

# A v2.4 tag whose CHAP frames are unsynchronised one by one, with a data
# length indicator, and a footer; no CTOC, so every chapter is listed.
def v4_unsync_chap(element, start, end, subframes):
    data = element.encode() + b"\x00" + struct.pack(">IIII", start, end, 0xFFFFFFFF, 0xFFFFFFFF) + b"".join(subframes)
    stored = unsynchronise(data)
    return frame(v4, "CHAP", syncsafe(len(data)) + stored, flags=0x0003)

frames = b"".join([
    v4_unsync_chap("a", 0, 2550, [frame(v4, "TIT2", utf16be("\u00ff title"))]),
    v4_unsync_chap("b", 2550, 5000, [frame(v4, "TIT2", utf8("Zweites \u00ff"))]),
])
tag_header = header(v4, len(frames), flags=0x10)
write("Samples/id3/unsynchronised-v24.mp3", tag_header + frames + b"3DI" + tag_header[3:] + AUDIO)

# Invalid tags (Samples/invalid/README.md gives each one's error).
small = chap(v3, "c1", 0, 1000, [frame(v3, "TIT2", latin1("Intro"))])
write("Samples/invalid/id3-truncated.mp3", header(v3, 512) + small)
past_end = bytearray(chap(v3, "c1", 0, 1000, [frame(v3, "TIT2", latin1("Intro"))]))
past_end[4:8] = struct.pack(">I", 4096)
write("Samples/invalid/id3-frame-past-end.mp3", header(v3, len(past_end)) + bytes(past_end) + AUDIO)
write("Samples/invalid/id3-bad-size.mp3", b"ID3\x04\x00\x00" + bytes([0, 0, 0x81, 0]) + small + AUDIO)
write("Samples/invalid/id3-v22.mp3", b"ID3\x02\x00\x00" + syncsafe(20) + b"TT2\x00\x00\x06\x00Intro" + b"\x00" * 8 + AUDIO)
# $FF bytes in the times and offsets before the bad encoding byte: the
# error must name the byte's offset in the file, not in the resynchronised tag.
body = chap(v3, "cy", 0xFF, 0xFFFF, [frame(v3, "TIT2", b"\x07" + b"\xff\xff")])
stored = unsynchronise(body)
write("Samples/invalid/id3-unsynchronised-bad-encoding.mp3", header(v3, len(stored), flags=0x80) + stored + AUDIO)
