from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_referral_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="enforcement_needs_sign_off",
            field=models.BooleanField(default=True),
        ),
    ]
