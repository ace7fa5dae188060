/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-patients"

#include "config.h"

#include <string.h>

#include "patients-test-helpers.h"

guint
patients_test_count_patients (TonicStore *store,
                              const TonicPatientQuery *query,
                              GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_count_patients_async (store, query, NULL, store_test_on_ready, &result);

  return tonic_store_count_patients_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
patients_test_list_patients (TonicStore *store,
                             const TonicPatientQuery *query,
                             guint offset,
                             guint limit,
                             GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_patients_async (store, query, offset, limit, NULL, store_test_on_ready, &result);

  return tonic_store_list_patients_finish (store, store_test_wait_for (&result), error);
}

TonicPatient *
patients_test_open_patient (TonicStore *store,
                            gint64 patient_id,
                            GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_open_patient_async (store, patient_id, NULL, store_test_on_ready, &result);

  return tonic_store_open_patient_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
patients_test_find_duplicates (TonicStore *store,
                               const char *legal_name,
                               const char *date_of_birth,
                               gint64 except_id,
                               GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_find_duplicates_async (store, legal_name, date_of_birth, except_id, NULL,
                                     store_test_on_ready, &result);

  return tonic_store_find_duplicates_finish (store, store_test_wait_for (&result), error);
}

TonicPatient *
patients_test_create_patient (TonicStore *store,
                              const TonicPatientFields *fields,
                              GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_create_patient_async (store, fields, NULL, store_test_on_ready, &result);

  return tonic_store_create_patient_finish (store, store_test_wait_for (&result), error);
}

TonicPatient *
patients_test_update_patient (TonicStore *store,
                              const TonicPatientFields *fields,
                              GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_update_patient_async (store, fields, NULL, store_test_on_ready, &result);

  return tonic_store_update_patient_finish (store, store_test_wait_for (&result), error);
}

TonicPatient *
patients_test_set_patient_archived (TonicStore *store,
                                    gint64 patient_id,
                                    gboolean archived,
                                    GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_set_patient_archived_async (store, patient_id, archived, NULL, store_test_on_ready,
                                          &result);

  return tonic_store_set_patient_archived_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
patients_test_list_medications (TonicStore *store,
                                gint64 patient_id,
                                GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_medications_async (store, patient_id, NULL, store_test_on_ready, &result);

  return tonic_store_list_medications_finish (store, store_test_wait_for (&result), error);
}

gboolean
patients_test_set_medications (TonicStore *store,
                               gint64 patient_id,
                               GPtrArray *medications,
                               GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_set_medications_async (store, patient_id, medications, NULL, store_test_on_ready,
                                     &result);

  return tonic_store_set_medications_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
patients_test_list_weights (TonicStore *store,
                            gint64 patient_id,
                            GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_weights_async (store, patient_id, NULL, store_test_on_ready, &result);

  return tonic_store_list_weights_finish (store, store_test_wait_for (&result), error);
}

gboolean
patients_test_add_weight (TonicStore *store,
                          gint64 patient_id,
                          double kilograms,
                          const char *measured_at,
                          GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_add_weight_async (store, patient_id, kilograms, measured_at, NULL,
                                store_test_on_ready, &result);

  return tonic_store_add_weight_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
patients_test_list_appointments (TonicStore *store,
                                 const char *from,
                                 const char *until,
                                 GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_appointments_async (store, from, until, NULL, store_test_on_ready, &result);

  return tonic_store_list_appointments_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
patients_test_list_patient_appointments (TonicStore *store,
                                         gint64 patient_id,
                                         GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_patient_appointments_async (store, patient_id, NULL, store_test_on_ready,
                                               &result);

  return tonic_store_list_patient_appointments_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
patients_test_find_conflicts (TonicStore *store,
                              const TonicAppointmentFields *fields,
                              GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_find_conflicts_async (store, fields, NULL, store_test_on_ready, &result);

  return tonic_store_find_conflicts_finish (store, store_test_wait_for (&result), error);
}

TonicAppointment *
patients_test_save_appointment (TonicStore *store,
                                const TonicAppointmentFields *fields,
                                GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_save_appointment_async (store, fields, NULL, store_test_on_ready, &result);

  return tonic_store_save_appointment_finish (store, store_test_wait_for (&result), error);
}

TonicAppointment *
patients_test_move_appointment (TonicStore *store,
                                gint64 appointment_id,
                                TonicAppointmentState state,
                                const TonicCheckIn *check_in,
                                GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_move_appointment_async (store, appointment_id, state, check_in, NULL,
                                      store_test_on_ready, &result);

  return tonic_store_move_appointment_finish (store, store_test_wait_for (&result), error);
}

gboolean
patients_test_import (TonicStore *store,
                      GPtrArray *patients,
                      GPtrArray *appointments,
                      GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_import_async (store, patients, appointments, NULL, store_test_on_ready, &result);

  return tonic_store_import_finish (store, store_test_wait_for (&result), error);
}

void
patients_test_fields (TonicPatientFields *fields,
                      const char         *legal_name,
                      const char         *date_of_birth)
{
  memset (fields, 0, sizeof *fields);
  fields->legal_name = legal_name;
  fields->date_of_birth = date_of_birth;
}

TonicPatient *
patients_test_add (TonicStore *store,
                   const char *legal_name,
                   const char *preferred_name,
                   const char *date_of_birth,
                   const char *phone)
{
  g_autoptr(GError) error = NULL;
  TonicPatientFields fields;
  TonicPatient *patient;

  patients_test_fields (&fields, legal_name, date_of_birth);
  fields.preferred_name = preferred_name;
  fields.phone_mobile = phone;

  patient = patients_test_create_patient (store, &fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (patient);

  return patient;
}

void
patients_test_sign_in_as (TonicStore *store,
                          const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicStaff) staff = NULL;

  g_assert_true (store_test_sign_out (store, TONIC_SIGN_OUT_USER, &error));
  g_assert_no_error (error);

  staff = store_test_sign_in (store, username, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
}

typedef struct
{
  const TonicPatientQuery *query;
  gboolean                 count;
} ExplainData;

static void
explain_job (TonicStore *self,
             sqlite3    *db,
             GTask      *task,
             gpointer    data)
{
  ExplainData *explain = data;
  g_autoptr(GError) error = NULL;
  char *plan = _tonic_store_explain_patients_query (db, explain->query, explain->count, &error);

  g_assert_no_error (error);
  g_task_return_pointer (task, plan, g_free);
}

char *
patients_test_explain (TonicStore              *store,
                       const TonicPatientQuery *query,
                       gboolean                 count)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ExplainData explain = { query, count };
  char *plan;

  _tonic_store_run_async (store, explain_job, &explain, NULL, patients_test_explain, NULL,
                          store_test_on_ready, &result);
  plan = g_task_propagate_pointer (G_TASK (store_test_wait_for (&result)), &error);
  g_assert_no_error (error);

  return plan;
}
