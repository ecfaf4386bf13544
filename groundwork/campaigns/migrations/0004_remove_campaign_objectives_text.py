"""Step 3 of 3: the free-text objectives are gone; their words are links or in the description."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0003_campaign_objectives_from_text")]

    operations = [migrations.RemoveField(model_name="campaign", name="objectives_text")]
