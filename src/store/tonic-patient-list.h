/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tonic-store.h"

G_BEGIN_DECLS

/* One position of a TonicPatientList: "patient" is NULL while its page is
 * being read, then set (and notified) once it arrives, so rows can bind to
 * it and never wait. */
#define TONIC_TYPE_PATIENT_ITEM (tonic_patient_item_get_type ())
G_DECLARE_FINAL_TYPE (TonicPatientItem, tonic_patient_item, TONIC, PATIENT_ITEM, GObject)

TonicPatient *tonic_patient_item_get_patient  (TonicPatientItem *self);
guint         tonic_patient_item_get_position (TonicPatientItem *self);

/* The patient list as a GListModel of TonicPatientItem that pages rows from
 * the store on demand (ARCHITECTURE.md, "How data flows" 4): n_items comes
 * from a count; get_item() returns at once and asks for the page around
 * that position; only a bounded number of pages is kept, so 100,000
 * patients cost what 100 do. Main thread only. */
#define TONIC_TYPE_PATIENT_LIST (tonic_patient_list_get_type ())
G_DECLARE_FINAL_TYPE (TonicPatientList, tonic_patient_list, TONIC, PATIENT_LIST, GObject)

#define TONIC_PATIENT_LIST_PAGE_SIZE 100
#define TONIC_PATIENT_LIST_MAX_PAGES 20

TonicPatientList *tonic_patient_list_new            (TonicStore              *store);
/* Replaces the query (copied) and counts again; "items-changed" follows
 * when the count arrives, and "notify::loading" around it. */
void              tonic_patient_list_set_query      (TonicPatientList        *self,
                                                     const TonicPatientQuery *query);
gboolean          tonic_patient_list_get_loading    (TonicPatientList        *self);
/* The last error of a count or page read (a DENIED after lock, a full disk…),
 * or NULL. */
const GError     *tonic_patient_list_get_error      (TonicPatientList        *self);
/* How many patients are held in memory now, and at most since the last
 * query (for tests and benchmarks). */
guint             tonic_patient_list_get_n_loaded   (TonicPatientList        *self);
guint             tonic_patient_list_get_peak_loaded (TonicPatientList       *self);
/* Forgets every page, so the rows are read again (after a change). */
void              tonic_patient_list_refresh        (TonicPatientList        *self);

G_END_DECLS
