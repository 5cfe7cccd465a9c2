from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = "Référentiel de compétences"

    def ready(self) -> None:
        import reversion

        from .models import RomeCode, Skill, ToolFamily

        for model in (Skill, ToolFamily, RomeCode):
            reversion.register(model)
