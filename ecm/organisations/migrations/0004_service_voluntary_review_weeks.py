from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_service_enforcement_needs_sign_off"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="voluntary_review_weeks",
            field=models.PositiveSmallIntegerField(default=6),
        ),
    ]
