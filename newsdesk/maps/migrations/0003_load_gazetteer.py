from django.db import migrations

from newsdesk.maps import gazetteer


def load_places(apps, schema_editor):
    gazetteer.load(apps.get_model("maps", "Place"))


class Migration(migrations.Migration):
    dependencies = [("maps", "0002_place_geonames_id")]

    operations = [migrations.RunPython(load_places, migrations.RunPython.noop, elidable=True)]
