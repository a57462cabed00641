"""The pieces an article body is made of."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from newsdesk.core import fragments, visibility

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=250,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=400)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quote")


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    body = blocks.RichTextBlock(label=_("facts"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "list-ul"
        template = "blocks/fact_box.html"
        label = _("Fact box")


class ExternalEmbedBlock(blocks.StructBlock):
    """A post, video or document from another site, shown as a link card.

    Nothing is loaded from the other host until the reader asks for it: pages stay
    fast and readers are not tracked by third parties just for opening an article.
    """

    url = blocks.URLBlock(label=_("address"), help_text=_("The page to embed, e.g. a video."))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=400)

    class Meta:
        icon = "media"
        template = "blocks/embed.html"
        label = _("Embed")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["host"] = urlsplit(value["url"]).hostname or ""
        return context


class GalleryBlock(blocks.StructBlock):
    """A photo gallery from the Gallery, shown as a card that leads to it."""

    # Named by its app label, not imported: the gallery app builds on articles, not the reverse.
    gallery = blocks.PageChooserBlock(
        label=_("photo gallery"), page_type="gallery.PhotoGalleryPage"
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=400)

    class Meta:
        icon = "image"
        template = "blocks/gallery.html"
        label = _("Photo gallery")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value["gallery"]
        if page is not None:
            fragments.shows(f"page:{page.pk}")  # its title and cover are shown here
            context["gallery"] = page.specific if visibility.is_visible(page) else None
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=PARAGRAPH_FEATURES, template="blocks/paragraph.html"
    )
    heading = blocks.CharBlock(
        label=_("Sub-heading"), max_length=150, icon="title", template="blocks/heading.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = ExternalEmbedBlock()
    fact_box = FactBoxBlock()
    gallery = GalleryBlock()
