"""Colour contrast as WCAG 2.1 defines it, for the tests of the charts (unit and browser tests)."""

from __future__ import annotations

PAGE_BACKGROUND = "#ffffff"  # the management area's content background (KERN), behind every chart


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour given as #rrggbb."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance above."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
