/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-vitals-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-sessions-private.h"
#include "tonic-vitals-row.h"

struct _TonicVitalsRow
{
  GtkListBoxRow parent_instance;

  gint64       id;
  gboolean     needs_ack;
  GtkLabel    *alert_label;
  GtkLabel    *ack_label;
  GtkDropDown *action_dropdown;
  GtkEntry    *note_entry;
  GtkButton   *ack_button;
};

G_DEFINE_FINAL_TYPE (TonicVitalsRow, tonic_vitals_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  ACKNOWLEDGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The actions in the chooser, after "Choose…" at position 0. */
static const TonicVitalsAction actions[] = {
  TONIC_VITALS_ACTION_CONTINUE,
  TONIC_VITALS_ACTION_PAUSE,
  TONIC_VITALS_ACTION_SLOW,
  TONIC_VITALS_ACTION_STOP,
};

static TonicVitalsAction
chosen_action (TonicVitalsRow *self)
{
  guint position = gtk_drop_down_get_selected (self->action_dropdown);

  if (position == 0 || position > G_N_ELEMENTS (actions))
    return TONIC_VITALS_ACTION_NONE;

  return actions[position - 1];
}

static void
on_action_selected (TonicVitalsRow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->ack_button),
                            chosen_action (self) != TONIC_VITALS_ACTION_NONE);
}

static void
on_ack_clicked (TonicVitalsRow *self)
{
  TonicVitalsAction action = chosen_action (self);
  g_autofree char *note = NULL;

  if (action == TONIC_VITALS_ACTION_NONE)
    return;

  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  g_signal_emit (self, signals[ACKNOWLEDGE], 0, (int) action, note);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
build_acknowledgement (TonicVitalsRow           *self,
                       const TonicSessionVitals *vitals)
{
  g_autofree char *when = _tonic_sessions_format_time (vitals->acknowledged_at);
  const char *by = vitals->acknowledged_by_name != NULL ? vitals->acknowledged_by_name : "";
  g_autofree char *text = NULL;

  if (vitals->action_note != NULL && *vitals->action_note != '\0')
    /* Translators: under a vitals alert: the action taken, the note, who
     * acknowledged it and when, such as "Acknowledged: Slow the infusion
     * (headache) · Riley Okafor, 10:52" */
    text = g_strdup_printf (_("Acknowledged: %s (%s) · %s, %s"),
                            tonic_vitals_action_get_label (vitals->action), vitals->action_note,
                            by, when);
  else
    /* Translators: under a vitals alert: the action taken, who
     * acknowledged it and when */
    text = g_strdup_printf (_("Acknowledged: %s · %s, %s"),
                            tonic_vitals_action_get_label (vitals->action),
                            by, when);

  self->ack_label = GTK_LABEL (new_label (text, NULL));
  return GTK_WIDGET (self->ack_label);
}

static GtkWidget *
build_controls (TonicVitalsRow *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_string_list_append (choices, _("Choose the action taken…"));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_string_list_append (choices, tonic_vitals_action_get_label (actions[i]));

  self->action_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)),
                                                            NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->action_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Action taken"), -1);
  g_signal_connect_swapped (self->action_dropdown, "notify::selected",
                            G_CALLBACK (on_action_selected), self);

  self->note_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->note_entry), TRUE);
  gtk_entry_set_placeholder_text (self->note_entry, _("Note (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note on the action"), -1);
  gtk_entry_set_max_length (self->note_entry, TONIC_SESSION_LINE_MAX);

  self->ack_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Acknowledge")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->ack_button), FALSE);
  g_signal_connect_swapped (self->ack_button, "clicked", G_CALLBACK (on_ack_clicked), self);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->action_dropdown));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note_entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->ack_button));

  return box;
}

static void
build (TonicVitalsRow           *self,
       const TonicSessionVitals *vitals,
       gboolean                  editable)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 9);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *minute;
  g_autofree char *minute_text = _tonic_sessions_format_minute (vitals->minute);
  g_autofree char *values = _tonic_sessions_format_reading (&vitals->reading);
  g_autofree char *time = _tonic_sessions_format_time (vitals->taken_at);
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: under a set of vitals: the time it was taken and the
   * phase, such as "10:40 · Before the dose" */
  meta = g_strdup_printf (_("%s · %s"), time, tonic_vitals_phase_get_label (vitals->phase));

  minute = new_label (minute_text, "heading");
  gtk_label_set_wrap (GTK_LABEL (minute), FALSE);
  gtk_label_set_width_chars (GTK_LABEL (minute), 7);
  gtk_widget_add_css_class (minute, "numeric");
  gtk_widget_set_valign (minute, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (line), minute);
  gtk_box_append (GTK_BOX (texts), new_label (values, NULL));
  {
    GtkWidget *meta_label = new_label (meta, "caption");

    gtk_widget_add_css_class (meta_label, "dim-label");
    gtk_box_append (GTK_BOX (texts), meta_label);
  }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (line), texts);
  gtk_box_append (GTK_BOX (box), line);

  if (vitals->level != TONIC_VITALS_LEVEL_NORMAL)
    {
      GtkWidget *alert = gtk_box_new (GTK_ORIENTATION_VERTICAL, 9);
      GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (alert, "vitals-alert");
      gtk_widget_add_css_class (alert, vitals->level == TONIC_VITALS_LEVEL_ALARM ? "alarm"
                                                                                 : "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      self->alert_label = GTK_LABEL (new_label (vitals->alert_text, "heading"));
      gtk_widget_set_hexpand (GTK_WIDGET (self->alert_label), TRUE);
      gtk_box_append (GTK_BOX (heading), icon);
      gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->alert_label));
      gtk_box_append (GTK_BOX (alert), heading);

      if (vitals->action != TONIC_VITALS_ACTION_NONE)
        gtk_box_append (GTK_BOX (alert), build_acknowledgement (self, vitals));
      else if (editable)
        gtk_box_append (GTK_BOX (alert), build_controls (self));
      else
        gtk_box_append (GTK_BOX (alert), new_label (_("Not acknowledged"), NULL));

      self->needs_ack = vitals->action == TONIC_VITALS_ACTION_NONE;
      gtk_box_append (GTK_BOX (box), alert);
    }

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);

  /* Translators: what a screen reader says for a set of vitals: the
   * minute, the values and the time and phase */
  accessible = g_strdup_printf (_("%s: %s, %s"), minute_text, values, meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
tonic_vitals_row_class_init (TonicVitalsRowClass *klass)
{
  signals[ACKNOWLEDGE] =
    g_signal_new ("acknowledge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

static void
tonic_vitals_row_init (TonicVitalsRow *self)
{
}

GtkWidget *
tonic_vitals_row_new (const TonicSessionVitals *vitals,
                      gboolean                  editable)
{
  TonicVitalsRow *self;

  g_return_val_if_fail (vitals != NULL, NULL);

  self = g_object_new (TONIC_TYPE_VITALS_ROW, NULL);
  self->id = vitals->id;
  build (self, vitals, editable);

  return GTK_WIDGET (self);
}

gint64
tonic_vitals_row_get_id (TonicVitalsRow *self)
{
  g_return_val_if_fail (TONIC_IS_VITALS_ROW (self), 0);

  return self->id;
}

gboolean
tonic_vitals_row_needs_acknowledgement (TonicVitalsRow *self)
{
  g_return_val_if_fail (TONIC_IS_VITALS_ROW (self), FALSE);

  return self->needs_ack;
}

GtkDropDown *
_tonic_vitals_row_get_action_dropdown (TonicVitalsRow *self)
{
  g_return_val_if_fail (TONIC_IS_VITALS_ROW (self), NULL);

  return self->action_dropdown;
}

GtkEditable *
_tonic_vitals_row_get_note_entry (TonicVitalsRow *self)
{
  g_return_val_if_fail (TONIC_IS_VITALS_ROW (self), NULL);

  return self->note_entry != NULL ? GTK_EDITABLE (self->note_entry) : NULL;
}

GtkButton *
_tonic_vitals_row_get_acknowledge_button (TonicVitalsRow *self)
{
  g_return_val_if_fail (TONIC_IS_VITALS_ROW (self), NULL);

  return self->ack_button;
}

GtkLabel *
_tonic_vitals_row_get_alert_label (TonicVitalsRow *self)
{
  g_return_val_if_fail (TONIC_IS_VITALS_ROW (self), NULL);

  return self->alert_label;
}

GtkLabel *
_tonic_vitals_row_get_acknowledged_label (TonicVitalsRow *self)
{
  g_return_val_if_fail (TONIC_IS_VITALS_ROW (self), NULL);

  return self->ack_label;
}
