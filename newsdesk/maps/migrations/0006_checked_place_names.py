"""The region's main places get their checked Arabic and Persian names (gazetteer.CHECKED_NAMES)."""

from django.db import migrations

from newsdesk.maps import gazetteer


def load_places(apps, schema_editor):
    gazetteer.load(apps.get_model("maps", "Place"))


class Migration(migrations.Migration):
    dependencies = [("maps", "0005_control_area_party_translations")]

    operations = [migrations.RunPython(load_places, migrations.RunPython.noop)]
