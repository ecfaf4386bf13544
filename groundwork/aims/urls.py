app_name = "aims"

urlpatterns: list = []
