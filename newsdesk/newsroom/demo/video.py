"""A short film for the demo, drawn frame by frame with Pillow and encoded with PyAV.

PyAV's wheels carry FFmpeg's libraries, so the demo can host a real video file with no
program installed on the machine and nothing downloaded at run time. The film is WebM
with VP9: every browser plays it, Chromium builds without the patented codecs included
(H.264 is missing from some Linux distributions' builds).
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

import av
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from . import images

SIZE = (640, 360)
FPS = 24
SECONDS = 4
CODEC: Final = "libvpx-vp9"
# Realtime speed keeps the demo build quick on a small machine; the picture is simple.
ENCODER_OPTIONS = {"deadline": "realtime", "cpu-used": "8", "row-mt": "1"}


@dataclass(frozen=True)
class Film:
    video: bytes  # WebM, VP9
    poster: PILImage.Image
    captions: str  # WebVTT
    seconds: int
    alt: str


def make_film(title: str, scene: str, lines: tuple[str, ...], rng: random.Random) -> Film:
    backdrop, alt = images.paint_scene(scene, rng)
    backdrop = backdrop.resize(SIZE)
    frames = [_frame(backdrop, title, n / (FPS * SECONDS)) for n in range(FPS * SECONDS)]
    return Film(
        video=encode_webm(frames),
        poster=_frame(backdrop, title, 0.55).resize((1280, 720)),
        captions=webvtt(lines, SECONDS),
        seconds=SECONDS,
        alt=alt,
    )


def _frame(backdrop: PILImage.Image, title: str, progress: float) -> PILImage.Image:
    """The backdrop with a bird crossing it and the title fading in above it."""
    frame = backdrop.copy()
    draw = ImageDraw.Draw(frame)
    width, height = SIZE
    x = -40 + (width + 80) * progress
    y = height * 0.3 + 18 * math.sin(progress * math.tau * 2)
    flap = 10 * math.sin(progress * math.tau * 8)
    draw.line((x - 22, y - flap, x, y, x + 22, y - flap), fill=(30, 30, 36), width=4)
    shade = round(255 * min(1.0, progress * 3))
    font = ImageFont.load_default(size=30)
    # At the top: the player's controls cover the bottom of the picture.
    draw.rectangle((0, 0, width, 56), fill=(0, 0, 0))
    draw.text((24, 12), title, fill=(shade, shade, shade), font=font)
    return frame


def encode_webm(frames: list[PILImage.Image]) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="webm") as container:
        stream = container.add_stream(CODEC, rate=FPS, options=ENCODER_OPTIONS)
        stream.width, stream.height = frames[0].size
        stream.pix_fmt = "yuv420p"
        stream.time_base = Fraction(1, FPS)
        for number, picture in enumerate(frames):
            frame = av.VideoFrame.from_image(picture)
            frame.pts = number
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))  # flush the frames the encoder still holds
    return buffer.getvalue()


def webvtt(lines: tuple[str, ...], seconds: int) -> str:
    """WebVTT captions that share the film's length evenly between the lines."""
    step = seconds / len(lines)
    cues = [
        f"{_timestamp(i * step)} --> {_timestamp((i + 1) * step)}\n{line}"
        for i, line in enumerate(lines)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _timestamp(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:06.3f}"
