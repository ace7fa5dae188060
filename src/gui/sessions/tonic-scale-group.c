/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-scale-group"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-scale-group.h"
#include "tonic-sessions-private.h"
#include "tonic-text.h"

/* The C-SSRS screener skips items 3–5 when item 2 is answered "no". */
#define CSSRS_GATE_ITEM        1
#define CSSRS_SKIPPED_FROM     2
#define CSSRS_SKIPPED_TO       4

struct _TonicScaleGroup
{
  AdwPreferencesGroup parent_instance;

  TonicInstrument  instrument;
  TonicScoreTiming timing;
  gboolean         can_acknowledge;
  gboolean         setting;   /* the rows are being set, not chosen */
  gboolean         saving;

  GPtrArray *rows;     /* AdwComboRow, one per item */
  int       *answers;
  guint      n_items;

  GtkLabel  *total_label;
  GtkLabel  *error_label;
  GtkWidget *safety_box;
  GtkLabel  *safety_title;
  GtkLabel  *safety_detail;
  GtkWidget *ack_box;
  GtkEntry  *ack_entry;
  GtkButton *ack_button;

  /* The score as stored. */
  gint64           stored_id;
  int             *stored_answers;
  TonicSafetyFlag  stored_safety;
  char            *ack_by_name;
  char            *ack_at;
  char            *ack_text;
};

G_DEFINE_FINAL_TYPE (TonicScaleGroup, tonic_scale_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  ACKNOWLEDGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
is_skippable (TonicScaleGroup *self,
              guint            index)
{
  return self->instrument == TONIC_INSTRUMENT_CSSRS && index >= CSSRS_SKIPPED_FROM &&
         index <= CSSRS_SKIPPED_TO;
}

/* The row's position for @value: 0 is "not answered", then the values,
 * then (C-SSRS items 3–5) "skipped". */
static guint
position_for (const TonicInstrumentItem *item,
              int                        value)
{
  if (value == TONIC_ANSWER_SKIPPED)
    return (guint) (item->max - item->min) + 2;

  if (value < item->min || value > item->max)
    return 0;

  return (guint) (value - item->min) + 1;
}

static gboolean
live_score (TonicScaleGroup *self,
            TonicScore      *score)
{
  g_autofree char *message = tonic_instrument_score (self->instrument, self->answers,
                                                     self->n_items, score);

  return message == NULL;
}

static guint
count_answered (TonicScaleGroup *self)
{
  guint n = 0;

  for (guint i = 0; i < self->n_items; i++)
    if (self->answers[i] != TONIC_ANSWER_MISSING)
      n++;

  return n;
}

static gboolean
answers_stored (TonicScaleGroup *self)
{
  if (self->stored_answers == NULL)
    return FALSE;

  for (guint i = 0; i < self->n_items; i++)
    if (self->answers[i] != self->stored_answers[i])
      return FALSE;

  return TRUE;
}

static void
update_total (TonicScaleGroup *self)
{
  TonicScore score;

  if (live_score (self, &score))
    {
      g_autofree char *text = _tonic_sessions_format_score (&score);

      gtk_label_set_label (self->total_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "dim-label");
    }
  else
    {
      g_autofree char *text = NULL;

      /* Translators: beside a rating scale that is not complete yet */
      text = g_strdup_printf (ngettext ("%u of %u item answered", "%u of %u items answered",
                                        self->n_items),
                              count_answered (self), self->n_items);
      gtk_label_set_label (self->total_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "dim-label");
    }
}

static char *
dup_note (TonicScaleGroup *self)
{
  return tonic_text_strip (gtk_editable_get_text (GTK_EDITABLE (self->ack_entry)));
}

static void
update_ack_button (TonicScaleGroup *self)
{
  g_autofree char *note = dup_note (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->ack_button),
                            *note != '\0' && self->stored_id != 0 &&
                            self->stored_safety != TONIC_SAFETY_NONE && answers_stored (self));
}

static void
update_safety (TonicScaleGroup *self)
{
  TonicSafetyFlag flag = TONIC_SAFETY_NONE;
  gboolean acknowledged = self->ack_at != NULL && *self->ack_at != '\0';
  TonicScore score;

  if (live_score (self, &score))
    flag = score.safety;
  if (flag == TONIC_SAFETY_NONE && answers_stored (self))
    flag = self->stored_safety;

  gtk_widget_set_visible (self->safety_box, flag != TONIC_SAFETY_NONE);
  if (flag == TONIC_SAFETY_NONE)
    return;

  gtk_label_set_label (self->safety_title, tonic_safety_flag_get_message (flag));

  if (acknowledged && answers_stored (self))
    {
      g_autofree char *when = _tonic_sessions_format_time (self->ack_at);
      g_autofree char *text = NULL;

      /* Translators: under a safety alert; the first %s is a staff
       * member's name, the second a time of day, the third their note */
      text = g_strdup_printf (_("Acknowledged by %s at %s: %s"),
                              self->ack_by_name != NULL ? self->ack_by_name : "", when,
                              self->ack_text != NULL ? self->ack_text : "");
      gtk_label_set_label (self->safety_detail, text);
      gtk_widget_set_visible (self->ack_box, FALSE);
      gtk_widget_remove_css_class (self->safety_box, "unacknowledged");
      return;
    }

  gtk_widget_add_css_class (self->safety_box, "unacknowledged");
  if (self->can_acknowledge)
    {
      gtk_label_set_label (self->safety_detail,
                           _("Acknowledge this alert with what was done before the session "
                             "is signed."));
      gtk_widget_set_visible (self->ack_box, TRUE);
      update_ack_button (self);
    }
  else
    {
      gtk_label_set_label (self->safety_detail,
                           _("A clinician must acknowledge this alert before the session is "
                             "signed."));
      gtk_widget_set_visible (self->ack_box, FALSE);
    }
}

/* The C-SSRS rows 3–5 follow item 2. */
static void
update_skips (TonicScaleGroup *self)
{
  gboolean skip;

  if (self->instrument != TONIC_INSTRUMENT_CSSRS || self->n_items <= CSSRS_SKIPPED_TO)
    return;

  skip = self->answers[CSSRS_GATE_ITEM] == 0;
  for (guint i = CSSRS_SKIPPED_FROM; i <= CSSRS_SKIPPED_TO; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->rows, i);
      const TonicInstrumentItem *item = tonic_instrument_get_item (self->instrument, i);

      if (skip)
        self->answers[i] = TONIC_ANSWER_SKIPPED;
      else if (self->answers[i] == TONIC_ANSWER_SKIPPED)
        self->answers[i] = TONIC_ANSWER_MISSING;

      self->setting = TRUE;
      adw_combo_row_set_selected (row, position_for (item, self->answers[i]));
      self->setting = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (row), !skip);
    }
}

static void
refresh (TonicScaleGroup *self)
{
  update_skips (self);
  update_total (self);
  update_safety (self);
}

/* Callbacks */

static void
on_row_selected (AdwComboRow     *row,
                 GParamSpec      *pspec,
                 TonicScaleGroup *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "tonic-item"));
  const TonicInstrumentItem *item = tonic_instrument_get_item (self->instrument, index);
  guint position = adw_combo_row_get_selected (row);

  if (self->setting)
    return;

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    self->answers[index] = TONIC_ANSWER_MISSING;
  else if (position == position_for (item, TONIC_ANSWER_SKIPPED))
    self->answers[index] = TONIC_ANSWER_SKIPPED;
  else
    self->answers[index] = item->min + (int) position - 1;

  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_ack_changed (TonicScaleGroup *self)
{
  update_ack_button (self);
}

static void
on_ack_clicked (TonicScaleGroup *self)
{
  g_autofree char *note = dup_note (self);

  if (*note == '\0' || !gtk_widget_get_sensitive (GTK_WIDGET (self->ack_button)))
    return;

  g_signal_emit (self, signals[ACKNOWLEDGE], 0, note);
}

/* Building */

static GtkWidget *
build_item_row (TonicScaleGroup *self,
                guint            index)
{
  const TonicInstrumentItem *item = tonic_instrument_get_item (self->instrument, index);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  GtkWidget *row = adw_combo_row_new ();

  gtk_string_list_append (choices, _("Not answered"));
  for (int value = item->min; value <= item->max; value++)
    {
      g_autofree char *choice = NULL;

      if (item->anchors != NULL)
        /* Translators: an answer to a rating scale's item: its value and
         * what it means, such as "2 · More than half the days" */
        choice = g_strdup_printf (_("%d · %s"), value, _(item->anchors[value - item->min]));
      else
        choice = g_strdup_printf ("%d", value);
      gtk_string_list_append (choices, choice);
    }
  if (is_skippable (self, index))
    gtk_string_list_append (choices, _("Skipped: item 2 was answered no"));

  /* Translators: an item of a rating scale: its number and text */
  title = g_strdup_printf (_("%u. %s"), index + 1, _(item->text));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  /* The answer under the item, where a long anchor can wrap. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_object_set_data (G_OBJECT (row), "tonic-item", GUINT_TO_POINTER (index));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_row_selected), self);

  return row;
}

static void
build_safety_box (TonicScaleGroup *self)
{
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->safety_box = g_object_new (GTK_TYPE_BOX,
                                   "orientation", GTK_ORIENTATION_VERTICAL,
                                   "spacing", 9,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                   NULL);
  gtk_widget_add_css_class (self->safety_box, "safety-alert");
  gtk_widget_set_margin_top (self->safety_box, 12);

  self->safety_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->safety_title, TRUE);
  gtk_label_set_xalign (self->safety_title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->safety_title), "heading");
  gtk_box_append (GTK_BOX (heading), icon);
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->safety_title));
  gtk_box_append (GTK_BOX (self->safety_box), heading);

  self->safety_detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->safety_detail, TRUE);
  gtk_label_set_xalign (self->safety_detail, 0);
  gtk_box_append (GTK_BOX (self->safety_box), GTK_WIDGET (self->safety_detail));

  self->ack_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->ack_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->ack_entry), TRUE);
  gtk_entry_set_placeholder_text (self->ack_entry,
                                  _("What was done, for example: safety plan reviewed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ack_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Acknowledgement note"), -1);
  g_signal_connect_swapped (self->ack_entry, "changed", G_CALLBACK (on_ack_changed), self);
  g_signal_connect_swapped (self->ack_entry, "activate", G_CALLBACK (on_ack_clicked), self);
  self->ack_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Acknowledge")));
  gtk_widget_add_css_class (GTK_WIDGET (self->ack_button), "destructive-action");
  g_signal_connect_swapped (self->ack_button, "clicked", G_CALLBACK (on_ack_clicked), self);
  gtk_box_append (GTK_BOX (self->ack_box), GTK_WIDGET (self->ack_entry));
  gtk_box_append (GTK_BOX (self->ack_box), GTK_WIDGET (self->ack_button));
  gtk_box_append (GTK_BOX (self->safety_box), self->ack_box);

  gtk_widget_set_visible (self->safety_box, FALSE);
}

static void
build (TonicScaleGroup *self)
{
  const char *prompt = tonic_instrument_get_prompt (self->instrument);
  g_autofree char *title = NULL;

  if (self->timing == TONIC_SCORE_TIMING_POST)
    /* Translators: the heading of a rating scale taken after the dose,
     * such as "CADSS · after the dose" */
    title = g_strdup_printf (_("%s · after the dose"),
                             tonic_instrument_get_label (self->instrument));
  else
    title = g_strdup (tonic_instrument_get_label (self->instrument));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);

  if (prompt != NULL)
    {
      /* Translators: under a rating scale's heading: its full name and how
       * it is asked */
      g_autofree char *description = g_strdup_printf (_("%s. %s"),
                                                      tonic_instrument_get_title (self->instrument),
                                                      prompt);
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), escaped);
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (
        tonic_instrument_get_title (self->instrument), -1);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), escaped);
    }

  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->total_label), GTK_ALIGN_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "scale-total");
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "numeric");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self),
                                           GTK_WIDGET (self->total_label));

  self->n_items = tonic_instrument_get_n_items (self->instrument);
  self->answers = g_new (int, self->n_items);
  for (guint i = 0; i < self->n_items; i++)
    {
      GtkWidget *row = build_item_row (self, i);

      self->answers[i] = TONIC_ANSWER_MISSING;
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }

  build_safety_box (self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->safety_box);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->error_label));

  refresh (self);
}

/* GObject */

static void
tonic_scale_group_finalize (GObject *object)
{
  TonicScaleGroup *self = TONIC_SCALE_GROUP (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->answers, g_free);
  g_clear_pointer (&self->stored_answers, g_free);
  g_clear_pointer (&self->ack_by_name, g_free);
  g_clear_pointer (&self->ack_at, g_free);
  g_clear_pointer (&self->ack_text, g_free);

  G_OBJECT_CLASS (tonic_scale_group_parent_class)->finalize (object);
}

static void
tonic_scale_group_class_init (TonicScaleGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_scale_group_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACKNOWLEDGE] =
    g_signal_new ("acknowledge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tonic_scale_group_init (TonicScaleGroup *self)
{
  self->rows = g_ptr_array_new ();
}

/* Public API */

GtkWidget *
tonic_scale_group_new (TonicInstrument  instrument,
                       TonicScoreTiming timing,
                       gboolean         can_acknowledge)
{
  TonicScaleGroup *self;

  g_return_val_if_fail ((guint) instrument < TONIC_N_INSTRUMENTS, NULL);

  self = g_object_new (TONIC_TYPE_SCALE_GROUP, NULL);
  self->instrument = instrument;
  self->timing = timing;
  self->can_acknowledge = can_acknowledge;
  build (self);

  return GTK_WIDGET (self);
}

TonicInstrument
tonic_scale_group_get_instrument (TonicScaleGroup *self)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), 0);

  return self->instrument;
}

TonicScoreTiming
tonic_scale_group_get_timing (TonicScaleGroup *self)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), 0);

  return self->timing;
}

void
tonic_scale_group_set_score (TonicScaleGroup         *self,
                             const TonicSessionScore *score)
{
  g_return_if_fail (TONIC_IS_SCALE_GROUP (self));

  g_clear_pointer (&self->stored_answers, g_free);
  g_clear_pointer (&self->ack_by_name, g_free);
  g_clear_pointer (&self->ack_at, g_free);
  g_clear_pointer (&self->ack_text, g_free);
  self->stored_id = 0;
  self->stored_safety = TONIC_SAFETY_NONE;

  if (score != NULL && score->n_answers == self->n_items)
    {
      self->stored_id = score->id;
      self->stored_answers = g_memdup2 (score->answers, sizeof (int) * self->n_items);
      self->stored_safety = score->score.safety;
      self->ack_by_name = g_strdup (score->acknowledged_by_name);
      self->ack_at = g_strdup (score->acknowledged_at);
      self->ack_text = g_strdup (score->acknowledgement);

      self->setting = TRUE;
      for (guint i = 0; i < self->n_items; i++)
        {
          const TonicInstrumentItem *item = tonic_instrument_get_item (self->instrument, i);

          self->answers[i] = score->answers[i];
          adw_combo_row_set_selected (g_ptr_array_index (self->rows, i),
                                      position_for (item, score->answers[i]));
        }
      self->setting = FALSE;
    }

  refresh (self);
}

gint64
tonic_scale_group_get_score_id (TonicScaleGroup *self)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), 0);

  return self->stored_id;
}

const int *
tonic_scale_group_get_answers (TonicScaleGroup *self,
                               guint           *n_answers)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), NULL);
  g_return_val_if_fail (n_answers != NULL, NULL);

  *n_answers = self->n_items;
  return self->answers;
}

void
tonic_scale_group_set_answer (TonicScaleGroup *self,
                              guint            index,
                              int              value)
{
  const TonicInstrumentItem *item;

  g_return_if_fail (TONIC_IS_SCALE_GROUP (self));
  g_return_if_fail (index < self->n_items);

  item = tonic_instrument_get_item (self->instrument, index);
  adw_combo_row_set_selected (g_ptr_array_index (self->rows, index), position_for (item, value));
}

gboolean
tonic_scale_group_needs_saving (TonicScaleGroup *self)
{
  TonicScore score;

  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), FALSE);

  return live_score (self, &score) && !answers_stored (self);
}

gboolean
tonic_scale_group_get_saving (TonicScaleGroup *self)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), FALSE);

  return self->saving;
}

void
tonic_scale_group_set_saving (TonicScaleGroup *self,
                              gboolean         saving)
{
  g_return_if_fail (TONIC_IS_SCALE_GROUP (self));

  self->saving = saving;
}

void
tonic_scale_group_set_error (TonicScaleGroup *self,
                             const char      *message)
{
  g_return_if_fail (TONIC_IS_SCALE_GROUP (self));

  _tonic_today_set_field_error (self->error_label, NULL, message);
}

AdwComboRow *
_tonic_scale_group_get_item_row (TonicScaleGroup *self,
                                 guint            index)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), NULL);
  g_return_val_if_fail (index < self->n_items, NULL);

  return g_ptr_array_index (self->rows, index);
}

GtkLabel *
_tonic_scale_group_get_total_label (TonicScaleGroup *self)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), NULL);

  return self->total_label;
}

GtkWidget *
_tonic_scale_group_get_safety_box (TonicScaleGroup *self)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), NULL);

  return self->safety_box;
}

GtkEditable *
_tonic_scale_group_get_note_entry (TonicScaleGroup *self)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), NULL);

  return GTK_EDITABLE (self->ack_entry);
}

GtkButton *
_tonic_scale_group_get_acknowledge_button (TonicScaleGroup *self)
{
  g_return_val_if_fail (TONIC_IS_SCALE_GROUP (self), NULL);

  return self->ack_button;
}
