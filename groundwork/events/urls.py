from django.urls import path

from groundwork.events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/new/", views.create_alliance_event, name="create_alliance"),
    path("events.ics", views.alliance_feed, name="alliance_feed"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("events/<int:pk>/rsvp/", views.rsvp, name="rsvp"),
    path("events/<int:pk>/rsvp/cancel/", views.cancel_rsvp, name="cancel_rsvp"),
    path("events/<int:pk>/edit/", views.edit_event, name="edit"),
    path("events/<int:pk>/cancel/", views.cancel_event, name="cancel"),
    path("events/<int:pk>/attendees/", views.attendees, name="attendees"),
    path("events/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("events/<int:pk>/sessions/new/", views.add_session, name="add_session"),
    path(
        "events/<int:pk>/sessions/<int:session_pk>/remove/",
        views.remove_session,
        name="remove_session",
    ),
    path("groups/<slug:slug>/events/new/", views.create_group_event, name="create"),
    path("groups/<slug:slug>/events.ics", views.group_feed, name="group_feed"),
    path("calendar/", views.my_calendar, name="calendar"),
    path("calendar/reset/", views.reset_calendar, name="reset_calendar"),
    path("calendar/<slug:token>.ics", views.member_feed, name="member_feed"),
    path("map/", views.event_map, name="map"),
]
