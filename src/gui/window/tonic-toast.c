/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-toast"

#include "config.h"

#include "tonic-toast.h"

/* A toast is dismissed no sooner than this after it was shown: libadwaita
 * 1.2 frees a toast's state when it is dismissed while still sliding in
 * (its show animation, 300 or 500 ms), and crashes when that animation
 * ends. */
#define SETTLE_MS 600

#define CURRENT_KEY  "tonic-toast-current"
#define SHOWN_AT_KEY "tonic-toast-shown-at"

static void
free_weak_ref (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

static gboolean
on_settled (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/* Dismisses @toast once it has finished appearing. */
static void
dismiss_settled (AdwToast *toast)
{
  gint64 *shown_at = g_object_get_data (G_OBJECT (toast), SHOWN_AT_KEY);
  gint64 age_ms = shown_at != NULL ? (g_get_monotonic_time () - *shown_at) / 1000 : SETTLE_MS;

  if (age_ms >= SETTLE_MS)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (SETTLE_MS - age_ms), on_settled,
                        g_object_ref (toast), g_object_unref);
}

AdwToast *
_tonic_toast_new (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

void
_tonic_toast_show (GtkWidget *widget,
                   AdwToast  *toast)
{
  g_autoptr(AdwToast) taken = toast;
  g_autoptr(AdwToast) previous = NULL;
  GtkWidget *overlay;
  GWeakRef *current;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = ADW_IS_TOAST_OVERLAY (widget) ? widget
                                          : gtk_widget_get_ancestor (widget,
                                                                     ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  current = g_object_get_data (G_OBJECT (overlay), CURRENT_KEY);
  if (current == NULL)
    {
      current = g_new0 (GWeakRef, 1);
      g_weak_ref_init (current, NULL);
      g_object_set_data_full (G_OBJECT (overlay), CURRENT_KEY, current, free_weak_ref);
    }

  previous = g_weak_ref_get (current);
  if (previous != NULL)
    dismiss_settled (previous);

  g_object_set_data_full (G_OBJECT (toast), SHOWN_AT_KEY, g_memdup2 (&now, sizeof now), g_free);
  g_weak_ref_set (current, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&taken));
}

void
_tonic_toast_show_text (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (text != NULL);

  _tonic_toast_show (widget, _tonic_toast_new (text));
}

void
_tonic_toast_show_error (GtkWidget    *widget,
                         const GError *error)
{
  g_return_if_fail (error != NULL);

  _tonic_toast_show_text (widget, error->message);
}
