"""Drivers of the image components.

Image, ImageEditor, ImageSlider, SimpleImage, AnnotatedImage, Gallery and Model3D.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from specblocks.testing._driver import Driver, Expect, Subject, register_driver

if TYPE_CHECKING:
    from playwright.sync_api import Locator

#: Small files the drivers upload and show.
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IMAGE_A = str(FIXTURES / "image_a.png")
IMAGE_B = str(FIXTURES / "image_b.png")
MODEL_OBJ = str(FIXTURES / "model.obj")
MODEL_GLB = str(FIXTURES / "model.glb")

#: The JSON text of a single path value (a quoted string).
ANY_PATH = r'^"[^"]+"$'


def _file_input(root: Locator) -> Locator:
    return root.locator("input[type=file]").first


def _check_upload_enabled(s: Subject) -> None:
    from playwright.sync_api import expect

    expect(_file_input(s.root)).to_be_enabled()


def _check_read_only(s: Subject) -> None:
    """The read-only copy offers no upload, clear or edit controls."""
    from playwright.sync_api import expect

    expect(s.static).to_be_visible()
    expect(s.static.locator("input[type=file]")).to_have_count(0)
    expect(s.static.get_by_role("button", name="Clear")).to_have_count(0)


def _loaded(s: Subject, img: Locator) -> None:
    """Wait until an image has loaded (its pixel size is known)."""
    s.page.wait_for_function(
        "(el) => el.complete && el.naturalWidth > 0", arg=img.element_handle(), timeout=10_000
    )


def _center(locator: Locator) -> None:
    """Click just below and right of the middle of an element.

    That is inside the middle pixel of an upscaled fixture image, away from its edges.
    """
    box = locator.bounding_box()
    assert box is not None, "the element is not visible"
    locator.click(position={"x": box["width"] / 2 + 3, "y": box["height"] / 2 + 3})


@register_driver
class ImageDriver(Driver):
    component = "Image"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": IMAGE_A,
        "type": "filepath",
        "sources": ["upload", "webcam", "clipboard"],
        "streaming": True,
    }
    new_value = IMAGE_B

    def check_interactive(self, s: Subject) -> None:
        from playwright.sync_api import expect

        expect(s.root.get_by_role("button", name="Clear")).to_be_enabled()
        s.root.get_by_role("button", name="Upload").click()
        _check_upload_enabled(s)

    def check_static(self, s: Subject) -> None:
        _check_read_only(s)

    def _upload(self, s: Subject) -> None:
        s.root.get_by_role("button", name="Upload").click()
        _file_input(s.root).set_input_files(IMAGE_B)

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value_matches=r'image_b\.png"$')

    def event_input(self, s: Subject) -> Expect:
        self._upload(s)
        return Expect(value_matches=r'image_b\.png"$')

    def event_upload(self, s: Subject) -> Expect:
        self._upload(s)
        return Expect(value_matches=r'image_b\.png"$')

    def event_clear(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear").click()
        return Expect(value=None)

    def event_select(self, s: Subject) -> Expect:
        # The fixture is 16 x 12 pixels: its middle is pixel (8, 6).
        img = s.root.locator("img.sb-image-img")
        _loaded(s, img)
        _center(img)
        return Expect(data={"index": [8, 6], "value": None})

    def event_stream(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Webcam").click()
        s.root.get_by_role("button", name="Start streaming").click()
        return Expect(value_matches=ANY_PATH)


@register_driver
class SimpleImageDriver(Driver):
    component = "SimpleImage"
    kwargs: ClassVar[dict[str, Any]] = {"value": IMAGE_A}
    new_value = IMAGE_B

    def check_interactive(self, s: Subject) -> None:
        from playwright.sync_api import expect

        expect(s.root.get_by_role("button", name="Clear")).to_be_enabled()
        s.root.get_by_role("button", name="Clear").click()
        _check_upload_enabled(s)

    def check_static(self, s: Subject) -> None:
        _check_read_only(s)

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value_matches=r'image_b\.png"$')

    def event_clear(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear").click()
        return Expect(value=None)

    def event_upload(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear").click()
        _file_input(s.root).set_input_files(IMAGE_B)
        return Expect(value_matches=r'image_b\.png"$')


@register_driver
class ImageSliderDriver(Driver):
    component = "ImageSlider"
    kwargs: ClassVar[dict[str, Any]] = {"value": (IMAGE_A, IMAGE_B), "type": "filepath"}
    new_value = (IMAGE_B, IMAGE_A)

    def check_interactive(self, s: Subject) -> None:
        from playwright.sync_api import expect

        expect(s.root.get_by_role("button", name="Clear")).to_be_enabled()
        s.root.get_by_role("button", name="Upload").click()
        _check_upload_enabled(s)

    def check_static(self, s: Subject) -> None:
        _check_read_only(s)

    def _upload(self, s: Subject) -> None:
        s.root.get_by_role("button", name="Upload").click()
        _file_input(s.root).set_input_files([IMAGE_B, IMAGE_A])

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value_matches=r'^\["[^"]*image_b\.png","[^"]*image_a\.png"\]$')

    def event_input(self, s: Subject) -> Expect:
        self._upload(s)
        return Expect(value_matches=r'^\["[^"]*image_b\.png","[^"]*image_a\.png"\]$')

    def event_upload(self, s: Subject) -> Expect:
        self._upload(s)
        return Expect(value_matches=r'^\["[^"]*image_b\.png","[^"]*image_a\.png"\]$')

    def event_clear(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear").click()
        return Expect(value=None)

    def event_select(self, s: Subject) -> Expect:
        _loaded(s, s.root.locator("img.sb-slider-first"))
        _center(s.root.get_by_test_id("slider-view"))
        return Expect(data={"index": [8, 6], "value": None})

    def event_stream(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Webcam").click()
        s.root.get_by_role("button", name="Start streaming").click()
        # The webcam frame becomes the first image; the second one stays.
        return Expect(value_matches=r'^\["[^"]+","[^"]*image_b\.png"\]$')


@register_driver
class AnnotatedImageDriver(Driver):
    component = "AnnotatedImage"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": (IMAGE_A, [((0, 0, 8, 6), "sun"), ((8, 6, 16, 12), "sea")]),
        "color_map": {"sun": "#f59e0b", "sea": "#2563eb"},
    }
    new_value = (IMAGE_B, [((0, 0, 4, 4), "corner")])

    def event_select(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="sea").click()
        return Expect(
            data={"index": 1, "value": "sea"},
            value_matches=r'^\["[^"]*image_a\.png",\[\["[^"]+","sun"\],\["[^"]+","sea"\]\]\]$',
        )


#: The JSON text of the gallery's initial value.
_GALLERY_VALUE = r'^\[\["[^"]*image_a\.png","Sunrise"\],\["[^"]*image_b\.png","Ocean"\]\]$'


@register_driver
class GalleryDriver(Driver):
    component = "Gallery"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": [(IMAGE_A, "Sunrise"), (IMAGE_B, "Ocean")],
        "columns": 3,
    }
    new_value: ClassVar[Any] = [(IMAGE_B, "Only")]

    def check_interactive(self, s: Subject) -> None:
        from playwright.sync_api import expect

        _check_upload_enabled(s)
        expect(s.root.get_by_role("button", name="Remove item 1")).to_be_enabled()

    def check_static(self, s: Subject) -> None:
        from playwright.sync_api import expect

        _check_read_only(s)
        expect(s.static.get_by_role("button", name="Remove item 1")).to_have_count(0)

    def _thumb(self, s: Subject, name: str) -> Locator:
        return s.root.get_by_role("button", name=name)

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value_matches=r'^\[\["[^"]*image_b\.png","Only"\]\]$')

    def event_select(self, s: Subject) -> Expect:
        self._thumb(s, "Image 2: Ocean").click()
        return Expect(data={"index": 1, "selected": True})

    def event_preview_open(self, s: Subject) -> Expect:
        self._thumb(s, "Image 1: Sunrise").click()
        return Expect(value_matches=_GALLERY_VALUE)

    def event_preview_close(self, s: Subject) -> Expect:
        from playwright.sync_api import expect

        self._thumb(s, "Image 1: Sunrise").click()
        close = s.root.get_by_role("button", name="Close preview")
        expect(close).to_be_visible()
        close.click()
        return Expect(value_matches=r"Sunrise")

    def event_delete(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Remove item 1").click()
        return Expect(
            data={"orig_name": "image_a.png"},
            value_matches=r'^\[\["[^"]*image_b\.png","Ocean"\]\]$',
        )

    def event_upload(self, s: Subject) -> Expect:
        _file_input(s.root).set_input_files(IMAGE_B)
        return Expect(value_matches=r'image_b\.png","Ocean"\],\["[^"]*image_b\.png",null\]\]$')


@register_driver
class Model3DDriver(Driver):
    component = "Model3D"
    kwargs: ClassVar[dict[str, Any]] = {"value": MODEL_OBJ}
    new_value = MODEL_GLB

    def check_interactive(self, s: Subject) -> None:
        from playwright.sync_api import expect

        expect(s.root.get_by_role("button", name="Clear")).to_be_enabled()
        s.root.get_by_role("button", name="Clear").click()
        _check_upload_enabled(s)

    def check_static(self, s: Subject) -> None:
        from playwright.sync_api import expect

        _check_read_only(s)
        expect(s.static.get_by_role("button", name="Edit model source")).to_have_count(0)

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value_matches=r'model\.glb"$')

    def event_clear(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear").click()
        return Expect(value=None)

    def event_upload(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear").click()
        _file_input(s.root).set_input_files(MODEL_GLB)
        return Expect(value_matches=r'model\.glb"$')

    def event_edit(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Edit model source").click()
        source = s.root.get_by_role("textbox", name="Model source")
        source.fill(Path(MODEL_OBJ).read_text(encoding="utf-8") + "v 1 1 1\nf 2 3 5\n")
        s.root.get_by_role("button", name="Save").click()
        return Expect(value_matches=r'model\.obj"$', data={"index": 0})


#: The JSON text of an editor value with a background, layers and a composite.
_EDITOR_VALUE = r'^\{"background":"[^"]+","composite":"[^"]+","layers":\[("[^"]+",?)*\]\}$'
#: ... with exactly one layer.
_EDITOR_ONE_LAYER = r'^\{"background":"[^"]+","composite":"[^"]+","layers":\["[^"]+"\]\}$'


@register_driver
class ImageEditorDriver(Driver):
    component = "ImageEditor"
    kwargs: ClassVar[dict[str, Any]] = {"value": IMAGE_A, "type": "filepath"}
    new_value = IMAGE_B

    def check_interactive(self, s: Subject) -> None:
        from playwright.sync_api import expect

        _check_upload_enabled(s)
        expect(s.root.get_by_role("button", name="Brush")).to_be_enabled()
        expect(s.root.get_by_role("button", name="Clear")).to_be_enabled()

    def check_static(self, s: Subject) -> None:
        from playwright.sync_api import expect

        _check_read_only(s)
        expect(s.static.get_by_role("button", name="Brush")).to_have_count(0)

    def _canvas(self, s: Subject) -> Locator:
        """The drawing canvas, once it shows the 16 x 12 fixture."""
        from playwright.sync_api import expect

        canvas = s.root.get_by_test_id("editor-canvas")
        expect(canvas).to_have_attribute("data-size", "16x12")
        return canvas

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value_matches=r'^\{"background":"[^"]+","composite":"[^"]+","layers":\[\]\}$')

    def event_input(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Brush").click()
        canvas = self._canvas(s)
        box = canvas.bounding_box()
        assert box is not None
        s.page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.2)
        s.page.mouse.down()
        s.page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.8, steps=8)
        s.page.mouse.up()
        return Expect(value_matches=_EDITOR_ONE_LAYER)

    def event_upload(self, s: Subject) -> Expect:
        _file_input(s.root).set_input_files(IMAGE_B)
        return Expect(value_matches=r'^\{"background":"[^"]*image_b\.png","composite":"[^"]+"')

    def event_clear(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear").click()
        return Expect(value=None)

    def event_select(self, s: Subject) -> Expect:
        # The canvas has the fixture's size (16 x 12): its middle is pixel (8, 6).
        _center(self._canvas(s))
        return Expect(data={"index": [8, 6], "value": None})

    def event_apply(self, s: Subject) -> Expect:
        self._canvas(s)
        s.root.get_by_role("button", name="Crop").click()
        s.root.get_by_label("Width").fill("8")
        s.root.get_by_label("Height").fill("6")
        s.root.get_by_role("button", name="Apply").click()
        return Expect(value_matches=_EDITOR_VALUE)
