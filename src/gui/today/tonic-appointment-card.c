/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-appointment-card"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-appointment-card.h"
#include "tonic-time.h"
#include "tonic-today-private.h"

struct _TonicAppointmentCard
{
  AdwBin parent_instance;

  GtkLabel      *time_label;
  GtkImage      *conflict_image;
  GtkLabel      *state_label;
  GtkButton     *name_button;
  GtkLabel      *name_label;
  GtkLabel      *type_label;
  GtkWidget     *status_box;
  GtkLabel      *since_label;
  GtkLabel      *timer_label;
  GtkWidget     *checks_box;
  GtkImage      *identity_image;
  GtkImage      *driver_image;
  GtkImage      *fasting_image;
  GtkButton     *document_button;
  GtkButton     *primary_button;
  GtkMenuButton *menu_button;

  TonicAppointment *appointment;
};

G_DEFINE_FINAL_TYPE (TonicAppointmentCard, tonic_appointment_card, ADW_TYPE_BIN)

/* A move along the board, as a card offers it. */
typedef struct
{
  TonicAppointmentState  from;
  TonicAppointmentState  to;
  const char            *button;   /* the primary button's label, or NULL */
  const char            *item;     /* the menu item's label */
  int                    section;  /* 0 the day's steps, 1 going back, 2 ending it */
} Move;

/* In the order the menu lists them. Check-in opens its own window. */
static const Move moves[] = {
  { TONIC_APPOINTMENT_STATE_SCHEDULED, TONIC_APPOINTMENT_STATE_ARRIVED,
    N_("Check _In…"), N_("Check _In…"), 0 },
  { TONIC_APPOINTMENT_STATE_ARRIVED, TONIC_APPOINTMENT_STATE_IN_CHAIR,
    N_("_Seat in Chair"), N_("_Seat in Chair"), 0 },
  { TONIC_APPOINTMENT_STATE_IN_CHAIR, TONIC_APPOINTMENT_STATE_RECOVERY,
    N_("To _Recovery"), N_("To _Recovery"), 0 },
  { TONIC_APPOINTMENT_STATE_RECOVERY, TONIC_APPOINTMENT_STATE_DISCHARGED,
    N_("_Discharge"), N_("_Discharge"), 0 },
  { TONIC_APPOINTMENT_STATE_ARRIVED, TONIC_APPOINTMENT_STATE_SCHEDULED,
    NULL, N_("_Undo Check-In"), 1 },
  { TONIC_APPOINTMENT_STATE_NO_SHOW, TONIC_APPOINTMENT_STATE_SCHEDULED,
    NULL, N_("_Restore"), 1 },
  { TONIC_APPOINTMENT_STATE_CANCELLED, TONIC_APPOINTMENT_STATE_SCHEDULED,
    NULL, N_("_Restore"), 1 },
  { TONIC_APPOINTMENT_STATE_SCHEDULED, TONIC_APPOINTMENT_STATE_NO_SHOW,
    NULL, N_("Mark _No-Show"), 2 },
  { TONIC_APPOINTMENT_STATE_SCHEDULED, TONIC_APPOINTMENT_STATE_CANCELLED,
    NULL, N_("_Cancel Appointment"), 2 },
};

/* Whether the card offers to document the session: while the patient is
 * in the chair or in recovery, to those who document sessions. */
static gboolean
offers_session (TonicAppointment *appointment,
                TonicRole         role)
{
  TonicAppointmentState state = tonic_appointment_get_state (appointment);

  return (state == TONIC_APPOINTMENT_STATE_IN_CHAIR || state == TONIC_APPOINTMENT_STATE_RECOVERY) &&
         tonic_permission_allows (role, TONIC_ACTION_SESSION_RECORD);
}

static GVariant *
session_target (TonicAppointment *appointment)
{
  return g_variant_new ("(xx)", tonic_appointment_get_patient_id (appointment),
                        tonic_appointment_get_id (appointment));
}

/* The action and target that make @move for appointment @id. */
static void
move_action (const Move  *move,
             gint64       id,
             const char **action,
             GVariant   **target)
{
  if (move->to == TONIC_APPOINTMENT_STATE_ARRIVED)
    {
      *action = "today.check-in";
      *target = g_variant_new_int64 (id);
    }
  else
    {
      *action = "today.move";
      *target = g_variant_new ("(xs)", id, tonic_appointment_state_to_string (move->to));
    }
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

static GMenuModel *
build_menu (TonicAppointmentCard *self,
            TonicRole             role,
            gboolean              can_edit)
{
  TonicAppointmentState state = tonic_appointment_get_state (self->appointment);
  gint64 id = tonic_appointment_get_id (self->appointment);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) steps = g_menu_new ();
  g_autoptr(GMenu) back = g_menu_new ();
  g_autoptr(GMenu) ending = g_menu_new ();
  g_autoptr(GMenu) record = g_menu_new ();
  GMenu *sections[] = { steps, back, ending };

  for (guint i = 0; can_edit && i < G_N_ELEMENTS (moves); i++)
    {
      const char *action;
      GVariant *target;

      if (moves[i].from != state || !tonic_appointment_can_transition (state, moves[i].to, role))
        continue;

      move_action (&moves[i], id, &action, &target);
      append_item (sections[moves[i].section], _(moves[i].item), action, target);
    }

  if (can_edit && !tonic_appointment_state_is_final (state))
    append_item (record, _("_Edit Appointment…"), "today.edit", g_variant_new_int64 (id));
  if (offers_session (self->appointment, role))
    append_item (record, _("_Document Session"), "workspace.start-session",
                 session_target (self->appointment));
  append_item (record, _("Open Patient _Record"), "today.open-patient",
               g_variant_new_int64 (tonic_appointment_get_patient_id (self->appointment)));

  g_menu_append_section (menu, NULL, G_MENU_MODEL (steps));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (back));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (record));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (ending));

  return G_MENU_MODEL (menu);
}

/* The forward step @role may make, as the card's main button. */
static void
set_up_primary (TonicAppointmentCard *self,
                TonicRole             role,
                gboolean              can_edit)
{
  TonicAppointmentState state = tonic_appointment_get_state (self->appointment);
  TonicAppointmentState next = tonic_appointment_state_get_next (state);

  for (guint i = 0; can_edit && next != state && i < G_N_ELEMENTS (moves); i++)
    {
      const char *action;
      GVariant *target;

      if (moves[i].from != state || moves[i].to != next || moves[i].button == NULL ||
          !tonic_appointment_can_transition (state, next, role))
        continue;

      move_action (&moves[i], tonic_appointment_get_id (self->appointment), &action, &target);
      gtk_button_set_label (self->primary_button, _(moves[i].button));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->primary_button), action);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->primary_button), target);
      gtk_widget_set_visible (GTK_WIDGET (self->primary_button), TRUE);
      /* Checking in is the desk's step; the clinical steps stand out. */
      if (next != TONIC_APPOINTMENT_STATE_ARRIVED)
        gtk_widget_add_css_class (GTK_WIDGET (self->primary_button), "suggested-action");
      return;
    }
}

/* "Arrived at 10:02" and such: when the appointment reached its state. */
static char *
format_since (TonicAppointmentState  state,
              GDateTime             *changed_at)
{
  g_autofree char *time = NULL;

  if (changed_at == NULL)
    return NULL;

  time = _tonic_today_format_time (changed_at);

  switch (state)
    {
    case TONIC_APPOINTMENT_STATE_ARRIVED:
      /* Translators: on a card of the Today board; %s is a time of day */
      return g_strdup_printf (_("Arrived at %s"), time);
    case TONIC_APPOINTMENT_STATE_IN_CHAIR:
      /* Translators: on a card of the Today board; %s is a time of day */
      return g_strdup_printf (_("Seated at %s"), time);
    case TONIC_APPOINTMENT_STATE_RECOVERY:
      /* Translators: on a card of the Today board; %s is a time of day */
      return g_strdup_printf (_("Recovery from %s"), time);
    case TONIC_APPOINTMENT_STATE_DISCHARGED:
      /* Translators: on a card of the Today board; %s is a time of day */
      return g_strdup_printf (_("Discharged at %s"), time);
    case TONIC_APPOINTMENT_STATE_NO_SHOW:
      /* Translators: on a card of the Today board; %s is a time of day */
      return g_strdup_printf (_("Marked no-show at %s"), time);
    case TONIC_APPOINTMENT_STATE_CANCELLED:
      /* Translators: on a card of the Today board; %s is a time of day */
      return g_strdup_printf (_("Cancelled at %s"), time);
    case TONIC_APPOINTMENT_STATE_SCHEDULED:
    default:
      return NULL;
    }
}

/* "waiting 12 min": the live timer, for the states where someone waits
 * for the next step. */
static char *
format_timer (TonicAppointmentState  state,
              const char            *duration)
{
  switch (state)
    {
    case TONIC_APPOINTMENT_STATE_ARRIVED:
      /* Translators: the timer on a card of the Today board since the
       * patient arrived; %s is a duration such as "12 min" */
      return g_strdup_printf (_("waiting %s"), duration);
    case TONIC_APPOINTMENT_STATE_IN_CHAIR:
      /* Translators: the timer on a card of the Today board since the
       * patient was seated; %s is a duration such as "34 min" */
      return g_strdup_printf (_("in chair %s"), duration);
    case TONIC_APPOINTMENT_STATE_RECOVERY:
      /* Translators: the timer on a card of the Today board since the
       * patient moved to recovery; %s is a duration such as "1 h 05 min" */
      return g_strdup_printf (_("in recovery %s"), duration);
    case TONIC_APPOINTMENT_STATE_SCHEDULED:
    case TONIC_APPOINTMENT_STATE_DISCHARGED:
    case TONIC_APPOINTMENT_STATE_NO_SHOW:
    case TONIC_APPOINTMENT_STATE_CANCELLED:
    default:
      return NULL;
    }
}

static void
set_check (GtkImage   *image,
           gboolean    confirmed,
           const char *yes,
           const char *no)
{
  const char *text = confirmed ? yes : no;

  gtk_image_set_from_icon_name (image, confirmed ? "object-select-symbolic"
                                                 : "dialog-warning-symbolic");
  if (confirmed)
    gtk_widget_remove_css_class (GTK_WIDGET (image), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (image), "warning");
  gtk_widget_set_tooltip_text (GTK_WIDGET (image), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
set_up (TonicAppointmentCard *self,
        TonicRole             role,
        gboolean              can_edit,
        gboolean              conflict)
{
  TonicAppointment *appointment = self->appointment;
  TonicAppointmentState state = tonic_appointment_get_state (appointment);
  TonicAppointmentType type = tonic_appointment_get_appointment_type (appointment);
  const char *name = tonic_appointment_get_patient_name (appointment);
  const char *state_label = tonic_appointment_state_get_label (state);
  g_autofree char *range = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *since = NULL;
  g_autofree char *open_label = NULL;
  g_autofree char *menu_label = NULL;
  g_autofree char *card_label = NULL;
  g_autoptr(GMenuModel) menu = NULL;

  range = _tonic_today_format_range (tonic_appointment_get_start (appointment),
                                     tonic_appointment_get_end (appointment));
  gtk_label_set_label (self->time_label, range);

  gtk_label_set_label (self->state_label, state_label);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label),
                            tonic_appointment_state_to_string (state));

  gtk_label_set_label (self->name_label, name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->name_button),
                                          g_variant_new_int64 (
                                            tonic_appointment_get_patient_id (appointment)));
  /* Translators: the tooltip of a patient's name on the Today board */
  open_label = g_strdup_printf (_("Open the record of %s"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_button), open_label);

  /* Translators: under the patient's name on the Today board: the kind of
   * appointment and its length, such as "IV infusion · 100 min" */
  type_text = g_strdup_printf (ngettext ("%s · %d min", "%s · %d min",
                                         (gulong) tonic_appointment_get_minutes (appointment)),
                               tonic_appointment_type_get_label (type),
                               tonic_appointment_get_minutes (appointment));
  gtk_label_set_label (self->type_label, type_text);

  since = format_since (state, tonic_appointment_get_state_changed_at (appointment));
  gtk_label_set_label (self->since_label, since);
  gtk_widget_set_visible (GTK_WIDGET (self->since_label), since != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), FALSE);
  gtk_widget_set_visible (self->status_box, since != NULL);

  /* What the desk confirmed, while the patient is in the practice. */
  if (state == TONIC_APPOINTMENT_STATE_ARRIVED || state == TONIC_APPOINTMENT_STATE_IN_CHAIR ||
      state == TONIC_APPOINTMENT_STATE_RECOVERY || state == TONIC_APPOINTMENT_STATE_DISCHARGED)
    {
      set_check (self->identity_image, tonic_appointment_get_identity_confirmed (appointment),
                 _("Name and date of birth confirmed"),
                 _("Name and date of birth not confirmed"));
      set_check (self->driver_image, tonic_appointment_get_driver_confirmed (appointment),
                 _("Someone is driving them home"), _("No driver home confirmed"));
      set_check (self->fasting_image, tonic_appointment_get_fasting_confirmed (appointment),
                 _("Fasting confirmed"), _("Fasting not confirmed"));
      /* Only a visit with a dose asks for them. */
      gtk_widget_set_visible (GTK_WIDGET (self->driver_image),
                              tonic_appointment_type_gives_dose (type));
      gtk_widget_set_visible (GTK_WIDGET (self->fasting_image),
                              tonic_appointment_type_gives_dose (type));
      gtk_widget_set_visible (self->checks_box, TRUE);
    }

  if (conflict)
    {
      g_autofree char *tip = NULL;

      /* Translators: the tooltip of the warning mark on a card; %d is the chair */
      tip = g_strdup_printf (_("Overlaps another appointment in chair %d"),
                             tonic_appointment_get_chair (appointment));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->conflict_image), tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflict_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_widget_set_visible (GTK_WIDGET (self->conflict_image), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "conflict");
    }

  if (!tonic_appointment_state_holds_chair (state))
    gtk_widget_add_css_class (GTK_WIDGET (self), "inactive");

  set_up_primary (self, role, can_edit);
  if (offers_session (appointment, role))
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->document_button),
                                              session_target (appointment));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->document_button),
                                      "workspace.start-session");
      gtk_widget_set_visible (GTK_WIDGET (self->document_button), TRUE);
    }
  menu = build_menu (self, role, can_edit);
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  /* Translators: the accessible name of the menu button on a card of the
   * Today board; %s is the patient's name */
  menu_label = g_strdup_printf (_("Actions for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);

  /* Translators: what a screen reader says for a card of the Today board:
   * time, patient, kind of appointment and state, such as
   * "10:00–11:40, Ana Núñez, IV infusion, Arrived" */
  card_label = g_strdup_printf (_("%s, %s, %s, %s"), range, name,
                                tonic_appointment_type_get_label (type), state_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  card_label, -1);
}

static void
tonic_appointment_card_dispose (GObject *object)
{
  TonicAppointmentCard *self = TONIC_APPOINTMENT_CARD (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_APPOINTMENT_CARD);
  g_clear_object (&self->appointment);

  G_OBJECT_CLASS (tonic_appointment_card_parent_class)->dispose (object);
}

static void
tonic_appointment_card_class_init (TonicAppointmentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_appointment_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/today/tonic-appointment-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, time_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, conflict_image);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, state_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, name_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, type_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, status_box);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, since_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, timer_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, checks_box);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, identity_image);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, driver_image);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, fasting_image);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, document_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, primary_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentCard, menu_button);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tonic_appointment_card_init (TonicAppointmentCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tonic_appointment_card_new (TonicAppointment *appointment,
                            TonicRole         role,
                            gboolean          can_edit,
                            gboolean          conflict)
{
  TonicAppointmentCard *self;

  g_return_val_if_fail (TONIC_IS_APPOINTMENT (appointment), NULL);
  g_return_val_if_fail ((guint) role < TONIC_N_ROLES, NULL);

  self = g_object_new (TONIC_TYPE_APPOINTMENT_CARD, NULL);
  self->appointment = g_object_ref (appointment);
  set_up (self, role, can_edit, conflict);

  return GTK_WIDGET (self);
}

TonicAppointment *
tonic_appointment_card_get_appointment (TonicAppointmentCard *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT_CARD (self), NULL);

  return self->appointment;
}

void
tonic_appointment_card_update_timer (TonicAppointmentCard *self,
                                     GDateTime            *now)
{
  TonicAppointmentState state;
  g_autofree char *duration = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TONIC_IS_APPOINTMENT_CARD (self));
  g_return_if_fail (now != NULL);

  state = tonic_appointment_get_state (self->appointment);
  if (tonic_appointment_get_state_changed_at (self->appointment) != NULL)
    {
      duration = tonic_format_duration_short (
        tonic_appointment_get_seconds_in_state (self->appointment, now));
      text = format_timer (state, duration);
    }

  gtk_label_set_label (self->timer_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), text != NULL);
}

gboolean
tonic_appointment_card_grab_focus (TonicAppointmentCard *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT_CARD (self), FALSE);

  if (gtk_widget_get_visible (GTK_WIDGET (self->primary_button)) &&
      gtk_widget_grab_focus (GTK_WIDGET (self->primary_button)))
    return TRUE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->name_button));
}
