/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store-test-helpers.h"
#include "tonic-store-patients-private.h"

G_BEGIN_DECLS

/* Blocking wrappers over the API of tonic-store-patients.h, iterating the
 * thread-default main context (tests only: the app never waits). */
guint patients_test_count_patients (TonicStore *store,
                                    const TonicPatientQuery *query,
                                    GError **error);
GPtrArray *patients_test_list_patients (TonicStore *store,
                                        const TonicPatientQuery *query,
                                        guint offset,
                                        guint limit,
                                        GError **error);
TonicPatient *patients_test_open_patient (TonicStore *store,
                                          gint64 patient_id,
                                          GError **error);
GPtrArray *patients_test_find_duplicates (TonicStore *store,
                                          const char *legal_name,
                                          const char *date_of_birth,
                                          gint64 except_id,
                                          GError **error);
TonicPatient *patients_test_create_patient (TonicStore *store,
                                            const TonicPatientFields *fields,
                                            GError **error);
TonicPatient *patients_test_update_patient (TonicStore *store,
                                            const TonicPatientFields *fields,
                                            GError **error);
TonicPatient *patients_test_set_patient_archived (TonicStore *store,
                                                  gint64 patient_id,
                                                  gboolean archived,
                                                  GError **error);
GPtrArray *patients_test_list_medications (TonicStore *store,
                                           gint64 patient_id,
                                           GError **error);
gboolean patients_test_set_medications (TonicStore *store,
                                        gint64 patient_id,
                                        GPtrArray *medications,
                                        GError **error);
GPtrArray *patients_test_list_weights (TonicStore *store,
                                       gint64 patient_id,
                                       GError **error);
gboolean patients_test_add_weight (TonicStore *store,
                                   gint64 patient_id,
                                   double kilograms,
                                   const char *measured_at,
                                   GError **error);
GPtrArray *patients_test_list_appointments (TonicStore *store,
                                            const char *from,
                                            const char *until,
                                            GError **error);
GPtrArray *patients_test_list_patient_appointments (TonicStore *store,
                                                    gint64 patient_id,
                                                    GError **error);
GPtrArray *patients_test_find_conflicts (TonicStore *store,
                                         const TonicAppointmentFields *fields,
                                         GError **error);
TonicAppointment *patients_test_save_appointment (TonicStore *store,
                                                  const TonicAppointmentFields *fields,
                                                  GError **error);
TonicAppointment *patients_test_move_appointment (TonicStore *store,
                                                  gint64 appointment_id,
                                                  TonicAppointmentState state,
                                                  const TonicCheckIn *check_in,
                                                  GError **error);
gboolean patients_test_import (TonicStore *store,
                               GPtrArray *patients,
                               GPtrArray *appointments,
                               GError **error);

/* A patient form with only @legal_name and @date_of_birth filled in. */
void          patients_test_fields       (TonicPatientFields *fields,
                                          const char         *legal_name,
                                          const char         *date_of_birth);
/* Creates a patient (asserting success) with these fields; @preferred_name
 * and @phone may be NULL. */
TonicPatient *patients_test_add          (TonicStore         *store,
                                          const char         *legal_name,
                                          const char         *preferred_name,
                                          const char         *date_of_birth,
                                          const char         *phone);
/* Signs @username in with STORE_TEST_PASSWORD (after signing out whoever
 * is), asserting success. */
void          patients_test_sign_in_as   (TonicStore         *store,
                                          const char         *username);
/* The query plan (EXPLAIN QUERY PLAN, one line per step) of what counting
 * (@count) or listing with @query would run. */
char         *patients_test_explain      (TonicStore              *store,
                                          const TonicPatientQuery *query,
                                          gboolean                 count);

G_END_DECLS
