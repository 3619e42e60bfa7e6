"""Images, audio, video, 3D models and files."""

from __future__ import annotations

from specblocks.components._generated.annotated_image import AnnotatedImageBase
from specblocks.components._generated.audio import AudioBase
from specblocks.components._generated.file import FileBase
from specblocks.components._generated.gallery import GalleryBase
from specblocks.components._generated.image import ImageBase
from specblocks.components._generated.image_editor import ImageEditorBase
from specblocks.components._generated.image_slider import ImageSliderBase
from specblocks.components._generated.model3d import Model3DBase
from specblocks.components._generated.simple_image import SimpleImageBase
from specblocks.components._generated.video import VideoBase


class Image(ImageBase):
    __doc__ = ImageBase.__doc__


class ImageEditor(ImageEditorBase):
    __doc__ = ImageEditorBase.__doc__


class ImageSlider(ImageSliderBase):
    __doc__ = ImageSliderBase.__doc__


class AnnotatedImage(AnnotatedImageBase):
    __doc__ = AnnotatedImageBase.__doc__


class Audio(AudioBase):
    __doc__ = AudioBase.__doc__


class Video(VideoBase):
    __doc__ = VideoBase.__doc__


class Model3D(Model3DBase):
    __doc__ = Model3DBase.__doc__


class Gallery(GalleryBase):
    __doc__ = GalleryBase.__doc__


class File(FileBase):
    __doc__ = FileBase.__doc__


class SimpleImage(SimpleImageBase):
    __doc__ = SimpleImageBase.__doc__


__all__ = [
    "AnnotatedImage",
    "Audio",
    "File",
    "Gallery",
    "Image",
    "ImageEditor",
    "ImageSlider",
    "Model3D",
    "SimpleImage",
    "Video",
]
