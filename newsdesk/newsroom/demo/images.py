"""Pictures for the demo site, drawn with Pillow: scenes for stories, portraits for bylines.

The demo must run without network access and without shipping binary assets, so every
picture is painted here from a seed: a sky, a horizon and the scene's own shapes.
"""

from __future__ import annotations

import hashlib
import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

SCENE_SIZE = (1600, 900)
PORTRAIT_SIZE = (480, 480)
CREDIT = "Illustration: newsdesk demo"

Colour = tuple[int, int, int]
Draw = ImageDraw.ImageDraw


@dataclass(frozen=True)
class Sky:
    name: str  # completes "under a ... sky"
    top: Colour
    bottom: Colour
    sun: Colour


SKIES = (
    Sky("pale morning", (126, 170, 214), (238, 214, 180), (255, 236, 190)),
    Sky("clear midday", (64, 132, 204), (186, 220, 240), (255, 252, 230)),
    Sky("red evening", (70, 60, 120), (246, 150, 84), (255, 200, 120)),
    Sky("hazy", (170, 176, 180), (222, 214, 196), (250, 244, 226)),
    Sky("night", (14, 22, 48), (52, 66, 112), (232, 232, 214)),
)


@dataclass(frozen=True)
class Picture:
    image: Image
    alt: str


def _mix(a: Colour, b: Colour, share: float) -> Colour:
    return (
        round(a[0] + (b[0] - a[0]) * share),
        round(a[1] + (b[1] - a[1]) * share),
        round(a[2] + (b[2] - a[2]) * share),
    )


def _sky(sky: Sky, size: tuple[int, int]) -> PILImage.Image:
    mask = PILImage.linear_gradient("L").resize(size)
    top = PILImage.new("RGB", size, sky.top)
    bottom = PILImage.new("RGB", size, sky.bottom)
    return PILImage.composite(bottom, top, mask)


def _ridge(draw: Draw, rng: random.Random, base: int, height: int, colour: Colour) -> None:
    """A rolling horizon: a few sine waves of random phase, filled to the bottom edge."""
    width, bottom = SCENE_SIZE
    waves = [(rng.uniform(0.5, 3.0), rng.uniform(0, math.tau)) for _ in range(3)]
    points = [(0, bottom)]
    for x in range(0, width + 40, 40):
        y = base - height * sum(math.sin(x / width * f * math.tau + p) for f, p in waves) / 3
        points.append((x, round(y)))
    points.append((width, bottom))
    draw.polygon(points, fill=colour)


def _ground(draw: Draw, rng: random.Random, sky: Sky, tone: Colour, layers: int = 3) -> None:
    for layer in range(layers):
        share = (layer + 1) / (layers + 1)
        colour = _mix(_mix(tone, sky.bottom, 0.5), _mix(tone, (0, 0, 0), 0.4), share)
        _ridge(draw, rng, 560 + layer * 110, 60 - layer * 10, colour)


def _sun(draw: Draw, rng: random.Random, sky: Sky) -> None:
    x, y, r = rng.randint(200, 1400), rng.randint(120, 380), rng.randint(40, 90)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=sky.sun)


def _dunes(draw: Draw, rng: random.Random, sky: Sky) -> None:
    _sun(draw, rng, sky)
    _ground(draw, rng, sky, (214, 170, 110), layers=4)
    for _ in range(30):  # cracks in the dry ground
        x, y = rng.randint(0, 1600), rng.randint(800, 900)
        draw.line((x, y, x + rng.randint(-60, 60), y + rng.randint(10, 40)), fill=(120, 84, 50))


def _turbines(draw: Draw, rng: random.Random, sky: Sky) -> None:
    _ground(draw, rng, sky, (96, 140, 90))
    for _ in range(rng.randint(4, 7)):
        x, top, height = rng.randint(100, 1500), rng.randint(260, 420), rng.randint(220, 320)
        draw.line((x, top, x, top + height), fill=(240, 240, 240), width=8)
        angle = rng.uniform(0, math.tau)
        for blade in range(3):
            a = angle + blade * math.tau / 3
            end = (x + 130 * math.cos(a), top + 130 * math.sin(a))
            draw.line((x, top, *end), fill=(245, 245, 245), width=6)


def _sea(draw: Draw, rng: random.Random, sky: Sky) -> None:
    _sun(draw, rng, sky)
    water = _mix(sky.top, (20, 60, 90), 0.6)
    draw.rectangle((0, 520, 1600, 900), fill=water)
    for row in range(520, 900, 18):
        x = rng.randint(0, 1600)
        draw.line((x, row, x + rng.randint(80, 260), row), fill=_mix(water, sky.sun, 0.3), width=3)
    x, y = rng.randint(300, 1200), rng.randint(600, 760)
    draw.polygon([(x, y), (x + 160, y), (x + 130, y + 40), (x + 30, y + 40)], fill=(40, 36, 40))
    draw.line((x + 80, y, x + 80, y - 110), fill=(40, 36, 40), width=5)


def _hills(draw: Draw, rng: random.Random, sky: Sky) -> None:
    for layer in range(4):
        colour = _mix(_mix(sky.bottom, (90, 100, 110), 0.5), (30, 34, 40), layer / 4)
        points = [(0, 900)]
        x = -100
        while x < 1700:
            points.append((x, rng.randint(360 + layer * 90, 520 + layer * 90)))
            x += rng.randint(120, 260)
        points.append((1600, 900))
        draw.polygon(points, fill=colour)
    x = rng.randint(300, 1300)  # a column of smoke over the valley
    for step in range(12):
        r = 20 + step * 6
        y = 560 - step * 34
        draw.ellipse(
            (x - r, y - r, x + r, y + r), fill=_mix((120, 120, 120), sky.bottom, step / 14)
        )


def _skyline(draw: Draw, rng: random.Random, sky: Sky) -> None:
    _sun(draw, rng, sky)
    lit = sky.name == "night" or sky.name == "red evening"
    for layer, tone in enumerate(((90, 96, 110), (50, 54, 66))):
        x = 0
        while x < 1600:
            w, h = rng.randint(60, 160), rng.randint(160, 520 - layer * 120)
            top = 900 - h
            draw.rectangle((x, top, x + w, 900), fill=tone)
            if lit:
                for wy in range(top + 16, 890, 28):
                    for wx in range(x + 10, x + w - 14, 22):
                        if rng.random() < 0.35:
                            draw.rectangle((wx, wy, wx + 8, wy + 12), fill=(250, 214, 120))
            x += w + rng.randint(4, 30)


def _grid(draw: Draw, rng: random.Random, sky: Sky) -> None:
    draw.rectangle((0, 0, 1600, 900), fill=(10, 18, 32))
    for x in range(0, 1600, 80):
        draw.line((x, 0, x, 900), fill=(24, 52, 80))
    for y in range(0, 900, 80):
        draw.line((0, y, 1600, y), fill=(24, 52, 80))
    nodes = [(rng.randint(0, 19) * 80, rng.randint(0, 11) * 80) for _ in range(26)]
    for a, b in pairwise(nodes):
        draw.line((*a, b[0], a[1], *b), fill=(40, 200, 170), width=3)
    for x, y in nodes:
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=(120, 255, 220))


def _fields(draw: Draw, rng: random.Random, sky: Sky) -> None:
    _sun(draw, rng, sky)
    _ridge(draw, rng, 480, 30, _mix((110, 130, 90), sky.bottom, 0.4))
    tones = ((196, 168, 80), (150, 170, 70), (210, 190, 110), (120, 150, 60))
    for strip in range(10):
        x0, x1 = strip * 160 - 200, strip * 160 - 40
        colour = tones[rng.randrange(len(tones))]
        draw.polygon([(800 + (x0 - 800) // 5, 500), (800 + (x1 - 800) // 5, 500),
                      (x1 * 2 - 800, 900), (x0 * 2 - 800, 900)], fill=colour)  # fmt: skip
    x = rng.randint(100, 1500)
    draw.rectangle((x - 8, 420, x + 8, 520), fill=(70, 50, 30))
    draw.ellipse((x - 70, 330, x + 70, 450), fill=(50, 90, 50))


def _port(draw: Draw, rng: random.Random, sky: Sky) -> None:
    draw.rectangle((0, 640, 1600, 900), fill=_mix(sky.top, (20, 50, 80), 0.6))
    draw.rectangle((0, 600, 1600, 650), fill=(80, 80, 86))
    colours = ((190, 60, 50), (40, 110, 170), (220, 160, 40), (60, 140, 90), (140, 140, 150))
    for stack in range(rng.randint(6, 10)):
        x = 80 + stack * 150 + rng.randint(-20, 20)
        for level in range(rng.randint(1, 5)):
            y = 600 - (level + 1) * 36
            draw.rectangle((x, y, x + 120, y + 32), fill=colours[rng.randrange(len(colours))])
    for _ in range(rng.randint(2, 4)):  # gantry cranes
        x = rng.randint(100, 1400)
        draw.line((x, 600, x, 240), fill=(230, 120, 40), width=10)
        draw.line((x - 60, 260, x + 260, 260), fill=(230, 120, 40), width=10)


def _clinic(draw: Draw, rng: random.Random, sky: Sky) -> None:
    _ground(draw, rng, sky, (150, 150, 140), layers=2)
    x = rng.randint(200, 700)
    draw.rectangle((x, 380, x + 700, 820), fill=(236, 236, 230))
    for wx in range(x + 40, x + 660, 90):
        for wy in (440, 560, 680):
            draw.rectangle((wx, wy, wx + 50, wy + 70), fill=(120, 160, 190))
    cx, cy = x + 350, 320
    draw.rectangle((cx - 60, cy - 20, cx + 60, cy + 20), fill=(200, 40, 50))
    draw.rectangle((cx - 20, cy - 60, cx + 20, cy + 60), fill=(200, 40, 50))


def _press(draw: Draw, rng: random.Random, sky: Sky) -> None:
    draw.rectangle((0, 0, 1600, 900), fill=_mix(sky.bottom, (60, 50, 40), 0.5))
    for sheet in range(rng.randint(3, 5)):
        x, y = rng.randint(0, 1000), rng.randint(0, 400)
        draw.rectangle((x, y, x + 560, y + 700), fill=(244, 240, 228), outline=(60, 60, 60))
        draw.rectangle((x + 30, y + 30, x + 530, y + 90), fill=(30, 30, 30))
        for line in range(y + 120, y + 680, 22):
            for column in (x + 30, x + 290):
                length = rng.randint(160, 240)
                draw.line((column, line, column + length, line), fill=(120, 120, 120), width=6)
        if sheet % 2:
            draw.rectangle((x + 290, y + 120, x + 530, y + 300), fill=(90, 110, 130))


def _factory(draw: Draw, rng: random.Random, sky: Sky) -> None:
    _ground(draw, rng, sky, (110, 100, 90), layers=2)
    x = 0
    while x < 1600:
        w = rng.randint(180, 320)
        draw.rectangle((x, 560, x + w, 900), fill=(80, 76, 80))
        for tooth in range(x, x + w, 60):  # saw-tooth roof
            draw.polygon([(tooth, 560), (tooth + 60, 560), (tooth + 60, 510)], fill=(96, 90, 96))
        if rng.random() < 0.5:
            cx = x + w // 2
            draw.rectangle((cx - 14, 320, cx + 14, 560), fill=(110, 70, 60))
            for step in range(6):
                r = 18 + step * 8
                y = 300 - step * 40
                draw.ellipse(
                    (cx - r, y - r, cx + r, y + r), fill=_mix((200, 200, 200), sky.top, step / 7)
                )
        x += w + rng.randint(10, 60)


def _chart(draw: Draw, rng: random.Random, sky: Sky) -> None:
    draw.rectangle((0, 0, 1600, 900), fill=_mix(sky.bottom, (245, 245, 240), 0.7))
    for y in range(150, 800, 100):
        draw.line((120, y, 1500, y), fill=(200, 200, 200), width=2)
    value = rng.randint(300, 500)
    points = []
    for i, x in enumerate(range(160, 1500, 110)):
        value = max(180, min(760, value + rng.randint(-90, 90)))
        draw.rectangle((x, value, x + 70, 800), fill=_mix((40, 90, 160), (200, 60, 60), i / 13))
        points.append((x + 35, value - 30))
    draw.line(points, fill=(30, 30, 30), width=6)


@dataclass(frozen=True)
class Scene:
    paint: Callable[[Draw, random.Random, Sky], None]
    alt: str  # "{sky}" is replaced by the sky's name


SCENES: dict[str, Scene] = {
    "dunes": Scene(_dunes, "Illustration: dry, cracked land and dunes under a {sky} sky"),
    "turbines": Scene(_turbines, "Illustration: wind turbines on green hills under a {sky} sky"),
    "sea": Scene(_sea, "Illustration: a small boat on open water under a {sky} sky"),
    "hills": Scene(_hills, "Illustration: smoke rising over mountain ridges under a {sky} sky"),
    "skyline": Scene(_skyline, "Illustration: a city skyline under a {sky} sky"),
    "grid": Scene(_grid, "Illustration: a glowing network of lines and nodes on a dark screen"),
    "fields": Scene(_fields, "Illustration: farm fields and a lone tree under a {sky} sky"),
    "port": Scene(_port, "Illustration: container stacks and cranes at a port"),
    "clinic": Scene(_clinic, "Illustration: a hospital building with a red cross"),
    "press": Scene(_press, "Illustration: newspaper pages spread on a table"),
    "factory": Scene(_factory, "Illustration: factory halls and chimneys under a {sky} sky"),
    "chart": Scene(_chart, "Illustration: a bar chart with a jagged trend line"),
}


def paint_scene(scene: str, rng: random.Random) -> tuple[PILImage.Image, str]:
    sky = rng.choice(SKIES)
    canvas = _sky(sky, SCENE_SIZE)
    SCENES[scene].paint(ImageDraw.Draw(canvas), rng, sky)
    return canvas, SCENES[scene].alt.format(sky=sky.name)


SKIN = ((241, 204, 170), (224, 172, 130), (190, 134, 92), (141, 93, 60), (96, 62, 40))
HAIR = ((30, 24, 20), (80, 50, 30), (150, 110, 60), (200, 190, 180), (60, 40, 40))
BACKDROPS = ((214, 226, 236), (236, 224, 210), (220, 236, 220), (232, 220, 236))


def paint_portrait(rng: random.Random) -> PILImage.Image:
    canvas = PILImage.new("RGB", PORTRAIT_SIZE, rng.choice(BACKDROPS))
    draw = ImageDraw.Draw(canvas)
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    clothes = (rng.randint(30, 120), rng.randint(30, 120), rng.randint(40, 140))
    draw.ellipse((60, 330, 420, 620), fill=clothes)  # shoulders
    draw.rectangle((210, 280, 270, 350), fill=skin)  # neck
    draw.ellipse((150, 90 + rng.randint(-8, 8), 330, 300), fill=hair)
    draw.ellipse((165, 120, 315, 310), fill=skin)  # face
    if rng.random() < 0.5:  # longer hair on some
        draw.rectangle((150, 190, 180, 330), fill=hair)
        draw.rectangle((300, 190, 330, 330), fill=hair)
    return canvas


def save_image(picture: PILImage.Image, title: str, filename: str) -> Image:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    data = buffer.getvalue()
    image = Image(
        title=title,
        file=ImageFile(io.BytesIO(data), name=filename),
        file_size=len(data),
        # The same digest Wagtail computes on upload, so duplicate detection works.
        file_hash=hashlib.sha1(data).hexdigest(),
    )
    image.save()
    return image
