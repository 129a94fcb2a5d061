package app.baohao.alarms

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.util.Log
import androidx.core.app.NotificationManagerCompat
import org.json.JSONException
import org.json.JSONObject

/**
 * A button of a reminder was pressed: records the choice (the app decides what it means), takes
 * the notification away, and hands the choice to the app at once when it runs; otherwise the app
 * takes it when it next starts.
 */
class ActionReceiver : BroadcastReceiver() {
  override fun onReceive(context: Context, intent: Intent) {
    // a receiver that throws takes the app's process down with it
    try {
      val action = intent.getStringExtra(Notifier.EXTRA_ACTION) ?: return
      val chosen = JSONObject().put("action", action).put("atMs", System.currentTimeMillis())
      intent.getStringExtra(Notifier.EXTRA_LINE)?.let { chosen.put("lineId", it) }
      if (!ChosenStore.add(context, chosen)) return
      if (intent.hasExtra(Notifier.EXTRA_NOTIFICATION)) {
        NotificationManagerCompat.from(context)
          .cancel(Notifier.NOTIFICATION_TAG, intent.getIntExtra(Notifier.EXTRA_NOTIFICATION, 0))
      }
      AlarmsPlugin.handOverChosen(context)
    } catch (e: RuntimeException) {
      Log.e(TAG, "a chosen action could not be recorded", e)
    } catch (e: JSONException) {
      Log.e(TAG, "a chosen action could not be handed over", e)
    }
  }
}
