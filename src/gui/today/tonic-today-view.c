/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-today-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-appointment-card.h"
#include "tonic-appointment-dialog.h"
#include "tonic-check-in-dialog.h"
#include "tonic-time.h"
#include "tonic-toast.h"
#include "tonic-today-private.h"
#include "tonic-today-view.h"

/* The timers on the cards count whole minutes: twice a minute is enough. */
#define TIMER_SECONDS 30
#define CHAIR_KEY "tonic-chair"
#define COLUMN_WIDTH 250

struct _TonicTodayView
{
  AdwBin parent_instance;

  GtkMenuButton *day_button;
  GtkPopover    *day_popover;
  GtkCalendar   *calendar;
  GtkLabel      *date_label;
  GtkLabel      *summary_label;
  GtkWidget     *new_button;
  GtkStack      *state_stack;
  GtkWidget     *board_box;
  AdwStatusPage *empty_status;
  GtkWidget     *empty_new_button;
  AdwStatusPage *error_status;

  TonicStore   *store;
  TonicStaff   *actor;
  GCancellable *cancellable;

  GDate       day;
  /* The day shown is today, and moves on at midnight. */
  gboolean    following_today;
  int         n_chairs;
  gboolean    show_cancelled;
  GPtrArray  *appointments;  /* TonicAppointment of the day shown, or NULL */
  GPtrArray  *cards;         /* the board's TonicAppointmentCard (the board owns them) */
  GHashTable *moving;        /* ids of appointments with a move under way */
  guint       load_serial;   /* the newest load; older answers are dropped */
  guint       n_loads;
  guint       timer_id;
  gboolean    selecting_day; /* the calendar is being set, not clicked */

  GtkWindow *dialog;  /* weak: the check-in or booking window open */
  gboolean   disposed;
};

G_DEFINE_FINAL_TYPE (TonicTodayView, tonic_today_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW_CANCELLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_PATIENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_day (TonicTodayView *self);
static void set_day  (TonicTodayView *self,
                      const GDate    *day);

/* Shared helpers (tonic-today-private.h) */

GtkWindow *
_tonic_today_get_parent_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_tonic_today_set_field_error (GtkLabel   *label,
                              GtkWidget  *row,
                              const char *message)
{
  if (label != NULL)
    {
      gtk_label_set_label (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
    }

  if (row == NULL)
    return;

  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

void
_tonic_today_ensure_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkCssProvider *provider;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "tonic-today-style") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/today/tonic-today.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "tonic-today-style", provider, g_object_unref);
}

char *
_tonic_today_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  /* Translators: a time of day on the Today board, in strftime() format,
   * such as "09:30" */
  return g_date_time_format (local, _("%H:%M"));
}

char *
_tonic_today_format_range (GDateTime *start,
                           GDateTime *end)
{
  g_autofree char *from = _tonic_today_format_time (start);
  g_autofree char *until = _tonic_today_format_time (end);

  /* Translators: the time an appointment takes, such as "10:00–11:40" */
  return g_strdup_printf (_("%s–%s"), from, until);
}

GDateTime *
_tonic_today_day_start (const GDate *day)
{
  g_return_val_if_fail (g_date_valid (day), NULL);

  return g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                g_date_get_day (day), 0, 0, 0);
}

char *
_tonic_today_format_day (const GDate *day)
{
  g_autoptr(GDateTime) noon = NULL;

  g_return_val_if_fail (g_date_valid (day), NULL);

  noon = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                g_date_get_day (day), 12, 0, 0);
  /* Translators: a whole day, in strftime() format, such as
   * "Sunday 22 November 2026" */
  return g_date_time_format (noon, _("%A %-d %B %Y"));
}

/* Helpers */

static gboolean
is_today (const GDate *day)
{
  GDate today;

  tonic_date_set_today (&today);
  return g_date_compare (day, &today) == 0;
}

static void
local_date (GDateTime *time,
            GDate     *out)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static TonicRole
actor_role (TonicTodayView *self)
{
  return tonic_staff_get_role (self->actor);
}

static gboolean
can_edit (TonicTodayView *self)
{
  return tonic_permission_allows (actor_role (self), TONIC_ACTION_APPOINTMENT_EDIT);
}

static TonicAppointment *
find_appointment (TonicTodayView *self,
                  gint64          id)
{
  for (guint i = 0; self->appointments != NULL && i < self->appointments->len; i++)
    {
      TonicAppointment *appointment = g_ptr_array_index (self->appointments, i);

      if (tonic_appointment_get_id (appointment) == id)
        return appointment;  /* the list keeps a reference */
    }

  return NULL;
}

/* The one check-in or booking window of the view: it holds patient data,
 * so it goes when the view does (on lock). */
static void
remember_dialog (TonicTodayView *self,
                 GtkWindow      *dialog)
{
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);

  g_set_weak_pointer (&self->dialog, dialog);
}

/* The timer */

static void
update_timers (TonicTodayView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; self->cards != NULL && i < self->cards->len; i++)
    tonic_appointment_card_update_timer (g_ptr_array_index (self->cards, i), now);
}

static gboolean
on_tick (gpointer user_data)
{
  TonicTodayView *self = user_data;

  /* Past midnight, "today" is the next day. */
  if (self->following_today && !is_today (&self->day))
    {
      GDate today;

      tonic_date_set_today (&today);
      set_day (self, &today);
    }

  update_timers (self);
  return G_SOURCE_CONTINUE;
}

static void
start_timer (TonicTodayView *self)
{
  if (self->timer_id == 0 && !self->disposed)
    self->timer_id = g_timeout_add_seconds (TIMER_SECONDS, on_tick, self);
}

static void
stop_timer (TonicTodayView *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

/* The board */

/* Within a chair: by start; cancelled and no-show ones after the rest. */
static int
compare_in_column (gconstpointer a,
                   gconstpointer b)
{
  TonicAppointment *x = *(TonicAppointment **) a;
  TonicAppointment *y = *(TonicAppointment **) b;
  gboolean x_holds = tonic_appointment_state_holds_chair (tonic_appointment_get_state (x));
  gboolean y_holds = tonic_appointment_state_holds_chair (tonic_appointment_get_state (y));
  int order;

  if (x_holds != y_holds)
    return x_holds ? -1 : 1;

  order = g_date_time_compare (tonic_appointment_get_start (x), tonic_appointment_get_start (y));
  if (order != 0)
    return order;

  return (tonic_appointment_get_id (x) > tonic_appointment_get_id (y)) -
         (tonic_appointment_get_id (x) < tonic_appointment_get_id (y));
}

static GtkWidget *
build_column (int   chair,
              guint n_active)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title;
  GtkWidget *count;
  g_autofree char *title_text = NULL;
  g_autofree char *count_text = NULL;

  /* Translators: the heading of a column of the Today board; %d is the chair */
  title_text = g_strdup_printf (_("Chair %d"), chair);
  /* Translators: under a chair's heading on the Today board */
  count_text = g_strdup_printf (ngettext ("%u appointment", "%u appointments", n_active),
                                n_active);

  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  count = gtk_label_new (count_text);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), count);
  gtk_widget_add_css_class (header, "today-column-header");

  gtk_box_append (GTK_BOX (column), header);
  gtk_widget_set_size_request (column, COLUMN_WIDTH, -1);
  gtk_widget_add_css_class (column, "today-column");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title_text, -1);
  g_object_set_data (G_OBJECT (column), CHAIR_KEY, GINT_TO_POINTER (chair));

  return column;
}

/* The appointment whose card holds the keyboard focus, or 0. */
static gint64
get_focused_appointment (TonicTodayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->board_box))
    return 0;

  card = gtk_widget_get_ancestor (focus, TONIC_TYPE_APPOINTMENT_CARD);
  if (card == NULL)
    return 0;

  return tonic_appointment_get_id (
    tonic_appointment_card_get_appointment (TONIC_APPOINTMENT_CARD (card)));
}

static void
clear_board (TonicTodayView *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->cards, 0);
  while ((child = gtk_widget_get_first_child (self->board_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->board_box), child);
}

static void
update_summary (TonicTodayView *self)
{
  g_autofree char *summary = NULL;
  guint n_active = 0;

  for (guint i = 0; self->appointments != NULL && i < self->appointments->len; i++)
    if (tonic_appointment_state_holds_chair (
          tonic_appointment_get_state (g_ptr_array_index (self->appointments, i))))
      n_active++;

  if (self->appointments != NULL)
    /* Translators: beside the day on the Today board */
    summary = g_strdup_printf (ngettext ("%u appointment", "%u appointments", n_active),
                               n_active);
  gtk_label_set_label (self->summary_label, summary);
}

static void
show_empty (TonicTodayView *self)
{
  if (is_today (&self->day))
    {
      adw_status_page_set_title (self->empty_status, _("No Appointments Today"));
      adw_status_page_set_description (self->empty_status, NULL);
    }
  else
    {
      g_autofree char *day = _tonic_today_format_day (&self->day);
      /* Translators: %s is a day, such as "Monday 23 November 2026" */
      g_autofree char *description = g_strdup_printf (_("Nothing is booked for %s."), day);

      adw_status_page_set_title (self->empty_status, _("No Appointments"));
      adw_status_page_set_description (self->empty_status, description);
    }

  gtk_stack_set_visible_child_name (self->state_stack, "empty");
}

static void
rebuild_board (TonicTodayView *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) conflicting = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                             NULL);
  gint64 focused = get_focused_appointment (self);
  gboolean edit = can_edit (self);
  TonicRole role = actor_role (self);
  int n_columns = self->n_chairs;

  clear_board (self);
  update_summary (self);

  if (self->appointments == NULL)
    return;

  if (self->appointments->len == 0)
    {
      show_empty (self);
      return;
    }

  conflicts = tonic_appointment_find_conflicts (self->appointments);
  for (guint i = 0; i < conflicts->len; i++)
    {
      gint64 id = tonic_appointment_get_id (g_ptr_array_index (conflicts, i));

      g_hash_table_add (conflicting, g_memdup2 (&id, sizeof id));
    }

  /* A chair the practice no longer has still shows what is booked in it. */
  for (guint i = 0; i < self->appointments->len; i++)
    n_columns = MAX (n_columns,
                     tonic_appointment_get_chair (g_ptr_array_index (self->appointments, i)));

  for (int chair = 1; chair <= n_columns; chair++)
    {
      g_autoptr(GPtrArray) in_chair = g_ptr_array_new ();
      GtkWidget *column;
      guint n_active = 0;
      guint n_shown = 0;

      for (guint i = 0; i < self->appointments->len; i++)
        {
          TonicAppointment *appointment = g_ptr_array_index (self->appointments, i);

          if (MAX (tonic_appointment_get_chair (appointment), 1) != chair)
            continue;
          g_ptr_array_add (in_chair, appointment);
          if (tonic_appointment_state_holds_chair (tonic_appointment_get_state (appointment)))
            n_active++;
        }
      g_ptr_array_sort (in_chair, compare_in_column);

      column = build_column (chair, n_active);
      for (guint i = 0; i < in_chair->len; i++)
        {
          TonicAppointment *appointment = g_ptr_array_index (in_chair, i);
          gint64 id = tonic_appointment_get_id (appointment);
          GtkWidget *card;

          if (!self->show_cancelled &&
              !tonic_appointment_state_holds_chair (tonic_appointment_get_state (appointment)))
            continue;

          card = tonic_appointment_card_new (appointment, role, edit,
                                             g_hash_table_contains (conflicting, &id));
          gtk_box_append (GTK_BOX (column), card);
          g_ptr_array_add (self->cards, card);
          n_shown++;
        }

      if (n_shown == 0)
        {
          GtkWidget *free_label = gtk_label_new (_("Free all day"));

          gtk_widget_add_css_class (free_label, "dim-label");
          gtk_widget_set_margin_top (free_label, 12);
          gtk_box_append (GTK_BOX (column), free_label);
        }

      gtk_box_append (GTK_BOX (self->board_box), column);
    }

  update_timers (self);
  gtk_stack_set_visible_child_name (self->state_stack, "board");

  /* The keyboard stays where it was across the rebuild. */
  if (focused != 0)
    {
      TonicAppointmentCard *card = _tonic_today_view_find_card (self, focused);

      if (card != NULL)
        tonic_appointment_card_grab_focus (card);
    }
}

/* Loading */

typedef struct
{
  TonicTodayView *self;
  guint           serial;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
on_appointments_loaded (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  TonicTodayView *self = load->self;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GError) error = NULL;

  appointments = tonic_store_list_appointments_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || load->serial != self->load_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_loads++;

  if (appointments == NULL)
    {
      g_clear_pointer (&self->appointments, g_ptr_array_unref);
      clear_board (self);
      update_summary (self);
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  g_clear_pointer (&self->appointments, g_ptr_array_unref);
  self->appointments = g_steal_pointer (&appointments);
  rebuild_board (self);
}

static void
load_day (TonicTodayView *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *until_text = NULL;
  GDate next = self->day;
  Load *load;

  if (self->disposed || self->store == NULL)
    return;

  g_date_add_days (&next, 1);
  from = _tonic_today_day_start (&self->day);
  until = _tonic_today_day_start (&next);
  from_text = tonic_time_format_utc (from);
  until_text = tonic_time_format_utc (until);

  /* The board of another day is not shown while this one loads. */
  if (self->appointments == NULL)
    gtk_stack_set_visible_child_name (self->state_stack, "loading");

  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->serial = ++self->load_serial;
  tonic_store_list_appointments_async (self->store, from_text, until_text, self->cancellable,
                                       on_appointments_loaded, load);
}

static void
on_chairs_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TonicTodayView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 chairs = TONIC_DEFAULT_CHAIRS;

  value = tonic_store_get_setting_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    g_message ("Could not read the number of chairs, showing %d: %s", TONIC_DEFAULT_CHAIRS,
               error->message);
  else if (value != NULL && !g_ascii_string_to_signed (value, 10, 1, 40, &chairs, NULL))
    chairs = TONIC_DEFAULT_CHAIRS;

  self->n_chairs = (int) chairs;
  load_day (self);
}

/* Reads the number of chairs, then the day. */
static void
refresh (TonicTodayView *self)
{
  if (self->disposed || self->store == NULL)
    return;

  tonic_store_get_setting_async (self->store, TONIC_SETTING_CHAIRS, self->cancellable,
                                 on_chairs_loaded, g_object_ref (self));
}

/* The day */

/* The day picker and the heading for @day. */
static void
show_day (TonicTodayView *self,
          const GDate    *day)
{
  g_autofree char *full = _tonic_today_format_day (day);
  g_autoptr(GDateTime) noon = NULL;

  self->day = *day;
  self->following_today = is_today (day);
  noon = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                g_date_get_day (day), 12, 0, 0);

  if (self->following_today)
    {
      gtk_menu_button_set_label (self->day_button, _("Today"));
    }
  else
    {
      /* Translators: the day on the Today board's day button, in
       * strftime() format, such as "Mon 23 Nov" */
      g_autofree char *label = g_date_time_format (noon, _("%a %-d %b"));

      gtk_menu_button_set_label (self->day_button, label);
    }
  gtk_label_set_label (self->date_label, full);

  self->selecting_day = TRUE;
  gtk_calendar_select_day (self->calendar, noon);
  self->selecting_day = FALSE;
}

static void
set_day (TonicTodayView *self,
         const GDate    *day)
{
  gboolean changed = !g_date_valid (&self->day) || g_date_compare (day, &self->day) != 0;

  show_day (self, day);

  /* Nothing of the day before stays on screen while the new one loads. */
  if (changed)
    {
      g_clear_pointer (&self->appointments, g_ptr_array_unref);
      clear_board (self);
      update_summary (self);
    }

  load_day (self);
}

static void
move_days (TonicTodayView *self,
           int             days)
{
  GDate day = self->day;

  if (days > 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);

  set_day (self, &day);
}

/* Moves along the board */

typedef struct
{
  TonicTodayView        *self;
  gint64                 id;
  TonicAppointmentState  from;
  TonicAppointmentState  to;
  char                  *name;
} Move;

static void
move_free (Move *move)
{
  g_object_unref (move->self);
  g_free (move->name);
  g_free (move);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Move, move_free)

static void move_appointment (TonicTodayView        *self,
                              gint64                 id,
                              TonicAppointmentState  from,
                              TonicAppointmentState  to,
                              const char            *name);

/* What an Undo puts back: the appointment and where it went. */
typedef struct
{
  gint64                 id;
  TonicAppointmentState  state;
  char                  *name;
} Undo;

static void
undo_free (Undo *undo)
{
  g_free (undo->name);
  g_free (undo);
}

static void
on_undo_clicked (TonicTodayView *self,
                 AdwToast       *toast)
{
  Undo *undo = g_object_get_data (G_OBJECT (toast), "tonic-undo");

  if (undo != NULL && !self->disposed)
    move_appointment (self, undo->id, undo->state, TONIC_APPOINTMENT_STATE_SCHEDULED, undo->name);
}

static void
show_moved_toast (TonicTodayView *self,
                  Move           *move)
{
  g_autofree char *text = NULL;
  gboolean undoable = FALSE;

  switch (move->to)
    {
    case TONIC_APPOINTMENT_STATE_CANCELLED:
      /* Translators: a toast; %s is a patient's name */
      text = g_strdup_printf (_("Appointment of %s cancelled"), move->name);
      undoable = TRUE;
      break;
    case TONIC_APPOINTMENT_STATE_NO_SHOW:
      /* Translators: a toast; %s is a patient's name */
      text = g_strdup_printf (_("%s marked as no-show"), move->name);
      undoable = TRUE;
      break;
    case TONIC_APPOINTMENT_STATE_IN_CHAIR:
      /* Translators: a toast; %s is a patient's name */
      text = g_strdup_printf (_("%s is in the chair"), move->name);
      break;
    case TONIC_APPOINTMENT_STATE_RECOVERY:
      /* Translators: a toast; %s is a patient's name */
      text = g_strdup_printf (_("%s moved to recovery"), move->name);
      break;
    case TONIC_APPOINTMENT_STATE_DISCHARGED:
      /* Translators: a toast; %s is a patient's name */
      text = g_strdup_printf (_("%s discharged"), move->name);
      break;
    case TONIC_APPOINTMENT_STATE_SCHEDULED:
      if (move->from == TONIC_APPOINTMENT_STATE_ARRIVED)
        /* Translators: a toast; %s is a patient's name */
        text = g_strdup_printf (_("Check-in of %s undone"), move->name);
      else
        /* Translators: a toast; %s is a patient's name */
        text = g_strdup_printf (_("Appointment of %s restored"), move->name);
      break;
    case TONIC_APPOINTMENT_STATE_ARRIVED:
      /* Translators: a toast; %s is a patient's name */
      text = g_strdup_printf (_("%s checked in"), move->name);
      break;
    default:
      g_assert_not_reached ();
    }

  if (undoable)
    {
      AdwToast *toast = _tonic_toast_new (text);
      Undo *undo = g_new0 (Undo, 1);

      undo->id = move->id;
      undo->state = move->to;
      undo->name = g_strdup (move->name);
      g_object_set_data_full (G_OBJECT (toast), "tonic-undo", undo, (GDestroyNotify) undo_free);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self,
                               G_CONNECT_SWAPPED);
      _tonic_toast_show (GTK_WIDGET (self), toast);
    }
  else
    {
      _tonic_toast_show_text (GTK_WIDGET (self), text);
    }
}

static void
on_moved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Move) move = user_data;
  TonicTodayView *self = move->self;
  g_autoptr(TonicAppointment) moved = NULL;
  g_autoptr(GError) error = NULL;

  moved = tonic_store_move_appointment_finish (TONIC_STORE (object), result, &error);
  if (self->disposed)
    return;

  g_hash_table_remove (self->moving, &move->id);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Whatever the answer, the board shows what the store holds now. */
  load_day (self);

  if (moved == NULL)
    _tonic_toast_show_text (GTK_WIDGET (self), error->message);
  else
    show_moved_toast (self, move);
}

static void
move_appointment (TonicTodayView        *self,
                  gint64                 id,
                  TonicAppointmentState  from,
                  TonicAppointmentState  to,
                  const char            *name)
{
  Move *move;

  if (self->disposed || g_hash_table_contains (self->moving, &id))
    return;

  /* Only what the board offers: the store checks it again. */
  if (!can_edit (self) || !tonic_appointment_can_transition (from, to, actor_role (self)))
    return;

  g_hash_table_add (self->moving, g_memdup2 (&id, sizeof id));

  move = g_new0 (Move, 1);
  move->self = g_object_ref (self);
  move->id = id;
  move->from = from;
  move->to = to;
  move->name = g_strdup (name);
  tonic_store_move_appointment_async (self->store, id, to, NULL, self->cancellable, on_moved,
                                      move);
}

/* Dialogs */

static void
on_checked_in (TonicTodayView     *self,
               TonicAppointment   *appointment,
               TonicCheckInDialog *dialog)
{
  Move move = {
    self, tonic_appointment_get_id (appointment), TONIC_APPOINTMENT_STATE_SCHEDULED,
    TONIC_APPOINTMENT_STATE_ARRIVED, (char *) tonic_appointment_get_patient_name (appointment),
  };

  load_day (self);
  show_moved_toast (self, &move);
}

static void
on_show_day_clicked (TonicTodayView *self,
                     AdwToast       *toast)
{
  GDate *day = g_object_get_data (G_OBJECT (toast), "tonic-day");

  if (day != NULL && !self->disposed)
    set_day (self, day);
}

static void
on_appointment_saved (TonicTodayView         *self,
                      TonicAppointment       *appointment,
                      TonicAppointmentDialog *dialog)
{
  const char *name = tonic_appointment_get_patient_name (appointment);
  g_autofree char *time = _tonic_today_format_time (tonic_appointment_get_start (appointment));
  g_autofree char *text = NULL;
  GDate day;

  load_day (self);

  local_date (tonic_appointment_get_start (appointment), &day);
  if (g_date_compare (&day, &self->day) == 0)
    {
      /* Translators: a toast; the first %s is a patient's name, the second
       * a time of day */
      text = g_strdup_printf (_("%s is booked at %s"), name, time);
      _tonic_toast_show_text (GTK_WIDGET (self), text);
    }
  else
    {
      g_autofree char *day_text = _tonic_today_format_day (&day);
      AdwToast *toast;

      /* Translators: a toast; the first %s is a patient's name, the second
       * a day such as "Monday 23 November 2026", the third a time of day */
      text = g_strdup_printf (_("%s is booked on %s at %s"), name, day_text, time);
      toast = _tonic_toast_new (text);
      g_object_set_data_full (G_OBJECT (toast), "tonic-day", g_memdup2 (&day, sizeof day),
                              g_free);
      adw_toast_set_button_label (toast, _("_Show Day"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_show_day_clicked), self,
                               G_CONNECT_SWAPPED);
      _tonic_toast_show (GTK_WIDGET (self), toast);
    }
}

/* Where a new booking starts: the next quarter hour today, or 09:00 on
 * another day. */
static GDateTime *
default_start (TonicTodayView *self)
{
  int minutes = 9 * 60;

  if (is_today (&self->day))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      minutes = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
      minutes = MIN ((minutes + 14) / 15 * 15, 23 * 60 + 45);
    }

  return g_date_time_new_local (g_date_get_year (&self->day), g_date_get_month (&self->day),
                                g_date_get_day (&self->day), minutes / 60, minutes % 60, 0);
}

/* The first chair free for [@start, @start + @minutes) on the day shown,
 * or 1. */
static int
suggest_chair (TonicTodayView *self,
               GDateTime      *start,
               int             minutes)
{
  if (self->appointments == NULL)
    return 1;

  for (int chair = 1; chair <= self->n_chairs; chair++)
    {
      TonicAppointmentFields fields = { 0 };
      g_autoptr(TonicAppointment) candidate = NULL;
      g_autoptr(GPtrArray) conflicts = NULL;

      fields.start = start;
      fields.minutes = minutes;
      fields.chair = chair;
      fields.state = TONIC_APPOINTMENT_STATE_SCHEDULED;
      candidate = tonic_appointment_new (&fields);
      conflicts = tonic_appointment_list_conflicts (self->appointments, candidate);
      if (conflicts->len == 0)
        return chair;
    }

  return 1;
}

static void
open_booking (TonicTodayView   *self,
              TonicAppointment *appointment,
              gint64            patient_id)
{
  TonicAppointmentDialog *dialog;

  if (self->disposed || self->store == NULL || !can_edit (self))
    return;

  dialog = tonic_appointment_dialog_new (_tonic_today_get_parent_window (GTK_WIDGET (self)),
                                         self->store, self->actor, self->n_chairs, appointment);

  if (appointment == NULL)
    {
      g_autoptr(GDateTime) start = default_start (self);
      int minutes = tonic_appointment_type_get_default_minutes (TONIC_APPOINTMENT_TYPE_IV_INFUSION);

      tonic_appointment_dialog_set_start (dialog, start);
      tonic_appointment_dialog_set_chair (dialog, suggest_chair (self, start, minutes));
      if (patient_id > 0)
        tonic_appointment_dialog_set_patient (dialog, patient_id);
    }

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_appointment_saved), self,
                           G_CONNECT_SWAPPED);
  remember_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
action_new_appointment (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  open_booking (TONIC_TODAY_VIEW (widget), NULL, 0);
}

static void
action_previous_day (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_days (TONIC_TODAY_VIEW (widget), -1);
}

static void
action_next_day (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_days (TONIC_TODAY_VIEW (widget), 1);
}

static void
action_today (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GDate today;

  tonic_date_set_today (&today);
  set_day (TONIC_TODAY_VIEW (widget), &today);
}

static void
action_check_in (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TonicTodayView *self = TONIC_TODAY_VIEW (widget);
  TonicAppointment *appointment = find_appointment (self, g_variant_get_int64 (parameter));
  TonicCheckInDialog *dialog;

  if (appointment == NULL || self->disposed || !can_edit (self) ||
      !tonic_appointment_can_transition (tonic_appointment_get_state (appointment),
                                         TONIC_APPOINTMENT_STATE_ARRIVED, actor_role (self)))
    return;

  dialog = tonic_check_in_dialog_new (_tonic_today_get_parent_window (widget), self->store,
                                      appointment);
  g_signal_connect_object (dialog, "checked-in", G_CALLBACK (on_checked_in), self,
                           G_CONNECT_SWAPPED);
  remember_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_move (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicTodayView *self = TONIC_TODAY_VIEW (widget);
  TonicAppointment *appointment;
  TonicAppointmentState to;
  const char *state_id;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &state_id);
  appointment = find_appointment (self, id);
  if (appointment == NULL || !tonic_appointment_state_from_string (state_id, &to))
    return;

  /* Arriving goes through the check-in window. */
  if (to == TONIC_APPOINTMENT_STATE_ARRIVED)
    {
      gtk_widget_activate_action (widget, "today.check-in", "x", id);
      return;
    }

  move_appointment (self, id, tonic_appointment_get_state (appointment), to,
                    tonic_appointment_get_patient_name (appointment));
}

static void
action_edit (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicTodayView *self = TONIC_TODAY_VIEW (widget);
  TonicAppointment *appointment = find_appointment (self, g_variant_get_int64 (parameter));

  if (appointment != NULL)
    open_booking (self, appointment, 0);
}

static void
action_open_patient (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gint64 patient_id = g_variant_get_int64 (parameter);

  if (patient_id > 0)
    g_signal_emit (widget, signals[OPEN_PATIENT], 0, patient_id);
}

/* Template callbacks */

/* The day the calendar has selected, unless it is being set. */
static gboolean
get_calendar_day (TonicTodayView *self,
                  GDate          *day)
{
  g_autoptr(GDateTime) chosen = NULL;

  if (self->selecting_day)
    return FALSE;

  chosen = gtk_calendar_get_date (self->calendar);
  local_date (chosen, day);
  return !g_date_valid (&self->day) || g_date_compare (day, &self->day) != 0;
}

static void
on_day_selected (TonicTodayView *self)
{
  GDate day;

  if (self->selecting_day)
    return;

  gtk_popover_popdown (self->day_popover);
  if (get_calendar_day (self, &day))
    set_day (self, &day);
}

/* GtkCalendar 4.8 moves its selection to the same day of another month
 * with its arrows and says so only by these notifications (clicking that
 * day then selects nothing new): the board follows, the popover stays. */
static void
on_month_changed (TonicTodayView *self)
{
  GDate day;

  if (get_calendar_day (self, &day))
    set_day (self, &day);
}

static void
on_retry_clicked (TonicTodayView *self)
{
  refresh (self);
}

/* GObject and GtkWidget */

static void
tonic_today_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TonicTodayView *self = TONIC_TODAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CANCELLED:
      g_value_set_boolean (value, self->show_cancelled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_today_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TonicTodayView *self = TONIC_TODAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CANCELLED:
      if (self->show_cancelled != g_value_get_boolean (value))
        {
          self->show_cancelled = g_value_get_boolean (value);
          rebuild_board (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_today_view_map (GtkWidget *widget)
{
  TonicTodayView *self = TONIC_TODAY_VIEW (widget);

  GTK_WIDGET_CLASS (tonic_today_view_parent_class)->map (widget);

  start_timer (self);
  update_timers (self);
  /* Coming back to the board (from Patients, say): what changed meanwhile. */
  if (self->n_loads > 0)
    refresh (self);
}

static void
tonic_today_view_unmap (GtkWidget *widget)
{
  stop_timer (TONIC_TODAY_VIEW (widget));

  GTK_WIDGET_CLASS (tonic_today_view_parent_class)->unmap (widget);
}

static void
tonic_today_view_dispose (GObject *object)
{
  TonicTodayView *self = TONIC_TODAY_VIEW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  stop_timer (self);

  /* Nothing about a patient stays on screen or in memory (on lock). */
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);

  if (self->cards != NULL)
    g_ptr_array_set_size (self->cards, 0);
  g_clear_pointer (&self->appointments, g_ptr_array_unref);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_TODAY_VIEW);

  G_OBJECT_CLASS (tonic_today_view_parent_class)->dispose (object);
}

static void
tonic_today_view_finalize (GObject *object)
{
  TonicTodayView *self = TONIC_TODAY_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->moving, g_hash_table_unref);

  G_OBJECT_CLASS (tonic_today_view_parent_class)->finalize (object);
}

static void
tonic_today_view_class_init (TonicTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tonic_today_view_get_property;
  object_class->set_property = tonic_today_view_set_property;
  object_class->dispose = tonic_today_view_dispose;
  object_class->finalize = tonic_today_view_finalize;
  widget_class->map = tonic_today_view_map;
  widget_class->unmap = tonic_today_view_unmap;

  /* Whether cancelled and no-show appointments are on the board (dimmed,
   * after the rest of their chair). */
  properties[PROP_SHOW_CANCELLED] =
    g_param_spec_boolean ("show-cancelled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_PATIENT] =
    g_signal_new ("open-patient", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/today/tonic-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, day_button);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, day_popover);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, calendar);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, date_label);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, new_button);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, board_box);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, TonicTodayView, error_status);
  /* Reachable by tests only. */
  gtk_widget_class_bind_template_child_full (widget_class, "previous_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "next_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "today_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "view_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_month_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);

  gtk_widget_class_install_action (widget_class, "today.new-appointment", NULL,
                                   action_new_appointment);
  gtk_widget_class_install_action (widget_class, "today.previous-day", NULL, action_previous_day);
  gtk_widget_class_install_action (widget_class, "today.next-day", NULL, action_next_day);
  gtk_widget_class_install_action (widget_class, "today.today", NULL, action_today);
  gtk_widget_class_install_action (widget_class, "today.check-in", "x", action_check_in);
  gtk_widget_class_install_action (widget_class, "today.move", "(xs)", action_move);
  gtk_widget_class_install_action (widget_class, "today.edit", "x", action_edit);
  gtk_widget_class_install_action (widget_class, "today.open-patient", "x", action_open_patient);
  gtk_widget_class_install_property_action (widget_class, "today.show-cancelled",
                                            "show-cancelled");

  /* While the board has the focus (Ctrl+N belongs to the Patients view). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "today.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "today.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "today.today", NULL);
}

static void
tonic_today_view_init (TonicTodayView *self)
{
  _tonic_today_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->cards = g_ptr_array_new ();
  self->moving = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->show_cancelled = TRUE;
  self->n_chairs = TONIC_DEFAULT_CHAIRS;
  g_date_clear (&self->day, 1);
}

/* Public API */

GtkWidget *
tonic_today_view_new (TonicStore *store,
                      TonicStaff *actor)
{
  TonicTodayView *self;
  gboolean edit;
  GDate today;

  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_STAFF (actor), NULL);

  self = g_object_new (TONIC_TYPE_TODAY_VIEW, NULL);
  self->store = g_object_ref (store);
  self->actor = g_object_ref (actor);

  edit = can_edit (self);
  gtk_widget_set_visible (self->new_button, edit);
  gtk_widget_set_visible (self->empty_new_button, edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.new-appointment", edit);

  /* The day's widgets now; its appointments once the chairs are known. */
  tonic_date_set_today (&today);
  show_day (self, &today);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");

  refresh (self);

  return GTK_WIDGET (self);
}

void
tonic_today_view_new_appointment (TonicTodayView *self,
                                  gint64          patient_id)
{
  g_return_if_fail (TONIC_IS_TODAY_VIEW (self));
  g_return_if_fail (patient_id >= 0);

  open_booking (self, NULL, patient_id);
}

/* For tests (tonic-today-private.h) */

TonicAppointmentCard *
_tonic_today_view_find_card (TonicTodayView *self,
                             gint64          appointment_id)
{
  g_return_val_if_fail (TONIC_IS_TODAY_VIEW (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    {
      TonicAppointmentCard *card = g_ptr_array_index (self->cards, i);

      if (tonic_appointment_get_id (tonic_appointment_card_get_appointment (card)) ==
          appointment_id)
        return card;
    }

  return NULL;
}

int
_tonic_today_view_get_card_chair (TonicTodayView       *self,
                                  TonicAppointmentCard *card)
{
  GtkWidget *column;

  g_return_val_if_fail (TONIC_IS_TODAY_VIEW (self), 0);
  g_return_val_if_fail (TONIC_IS_APPOINTMENT_CARD (card), 0);

  column = gtk_widget_get_parent (GTK_WIDGET (card));
  if (column == NULL || gtk_widget_get_parent (column) != self->board_box)
    return 0;

  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), CHAIR_KEY));
}

guint
_tonic_today_view_get_n_loads (TonicTodayView *self)
{
  g_return_val_if_fail (TONIC_IS_TODAY_VIEW (self), 0);

  return self->n_loads;
}

gboolean
_tonic_today_view_has_timer (TonicTodayView *self)
{
  g_return_val_if_fail (TONIC_IS_TODAY_VIEW (self), FALSE);

  return self->timer_id != 0;
}

void
_tonic_today_view_tick (TonicTodayView *self)
{
  g_return_if_fail (TONIC_IS_TODAY_VIEW (self));

  on_tick (self);
}

GtkWindow *
_tonic_today_view_get_dialog (TonicTodayView *self)
{
  g_return_val_if_fail (TONIC_IS_TODAY_VIEW (self), NULL);

  return self->dialog;
}

void
_tonic_today_view_get_day (TonicTodayView *self,
                           GDate          *out)
{
  g_return_if_fail (TONIC_IS_TODAY_VIEW (self));
  g_return_if_fail (out != NULL);

  *out = self->day;
}
