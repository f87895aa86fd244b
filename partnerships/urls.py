from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.PartnershipListView.as_view(), name="list"),
    path("<slug:slug>/", views.PartnershipDetailView.as_view(), name="detail"),
]
