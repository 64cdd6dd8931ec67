"""reportlab's C accelerator is installed and in use (a dependency since the reports'
benchmarks: without it every number written to a page is formatted in Python)."""

from __future__ import annotations


def test_reportlab_formats_numbers_with_its_c_accelerator() -> None:
    import _rl_accel
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str is _rl_accel.fp_str
    assert rl_accel.fp_str(12.5, 0.333333, 100) == "12.5 .333333 100"
