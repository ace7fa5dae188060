/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-session.h"

G_BEGIN_DECLS

#define TONIC_TYPE_VITALS_ROW (tonic_vitals_row_get_type ())
G_DECLARE_FINAL_TYPE (TonicVitalsRow, tonic_vitals_row, TONIC, VITALS_ROW, GtkListBoxRow)

/* One set of vitals in a session: the minute from the dose start, the time
 * and phase, the values, and — when a value was over a threshold — the
 * alert beside it. An alert not yet acknowledged offers, when @editable,
 * the action taken (continue, pause, slow, stop) and a note; choosing an
 * action is required. "acknowledge" (TonicVitalsAction as int, the note)
 * is emitted when the person acknowledges. */
GtkWidget  *tonic_vitals_row_new       (const TonicSessionVitals *vitals,
                                        gboolean                  editable);
gint64      tonic_vitals_row_get_id    (TonicVitalsRow           *self);
/* Whether the row has an alert that is not acknowledged. */
gboolean    tonic_vitals_row_needs_acknowledgement (TonicVitalsRow *self);

/* For tests: the action chooser (position 0 "Choose…", then continue,
 * pause, slow, stop), the note, the button, and the alert's text. */
GtkDropDown *_tonic_vitals_row_get_action_dropdown (TonicVitalsRow *self);
GtkEditable *_tonic_vitals_row_get_note_entry      (TonicVitalsRow *self);
GtkButton   *_tonic_vitals_row_get_acknowledge_button (TonicVitalsRow *self);
GtkLabel    *_tonic_vitals_row_get_alert_label     (TonicVitalsRow *self);
GtkLabel    *_tonic_vitals_row_get_acknowledged_label (TonicVitalsRow *self);

G_END_DECLS
