"""The latest posts, newest first, as the Wagtail tutorial's blog index lists them."""

from blog.models import BlogPage
from django import template

register = template.Library()
LATEST = 20


@register.simple_tag
def latest_posts(parent=None):
    posts = BlogPage.objects.live().public()
    if parent is not None:
        posts = posts.child_of(parent)
    return posts.order_by("-first_published_at")[:LATEST]
