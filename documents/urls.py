from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("documents/<int:pk>/", views.document, name="document"),
    path(
        "documents/<int:pk>/<str:version>/<int:width>w.webp",
        views.thumbnail,
        name="thumbnail",
    ),
    path("documents/<int:pk>/<str:version>/<str:name>", views.file, name="file"),
]
