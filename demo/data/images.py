"""Pictures for the demo, drawn with Pillow: no image file is shipped."""

import io
import math

from PIL import Image, ImageDraw

#: The seed release's picture: what it says, what it shows, whose it is.
SEED_IMAGE = {
    "alt": {
        "en": "The flag of the European Union: a circle of twelve gold stars on "
        "a blue background.",
        "sv": "Europeiska unionens flagga: en cirkel av tolv guldstjärnor på blå "
        "bakgrund.",
    },
    "caption": {
        "en": "The twelve stars of the European flag stand for unity, solidarity "
        "and harmony among the peoples of Europe.",
        "sv": "De tolv stjärnorna i Europaflaggan står för enighet, solidaritet "
        "och harmoni mellan Europas folk.",
    },
    "credit": "© European Union",
}


def european_flag(height=800):
    """The European flag as PNG bytes, drawn to its official geometry.

    3:2, twelve five-pointed stars on a circle whose radius is a third of
    the height, each star's points on a circle of a eighteenth of it.
    """
    width = height * 3 // 2
    image = Image.new("RGB", (width, height), "#003399")
    draw = ImageDraw.Draw(image)
    centre_x, centre_y = width / 2, height / 2
    outer = height / 18
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    for star in range(12):
        angle = math.radians(star * 30)
        x = centre_x + height / 3 * math.sin(angle)
        y = centre_y - height / 3 * math.cos(angle)
        points = [
            (
                x
                + (outer if point % 2 == 0 else inner) * math.sin(math.pi * point / 5),
                y
                - (outer if point % 2 == 0 else inner) * math.cos(math.pi * point / 5),
            )
            for point in range(10)
        ]
        draw.polygon(points, fill="#FFCC00")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
