"""Exports the shop's data as CSV."""


def export_data(rows):
    return "\n".join(",".join(r) for r in rows)
