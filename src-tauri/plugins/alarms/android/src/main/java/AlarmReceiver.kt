package app.baohao.alarms

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.util.Log

/** An armed alarm fired: shows the stored alarm, then forgets it. Shows nothing it cannot find. */
class AlarmReceiver : BroadcastReceiver() {
  override fun onReceive(context: Context, intent: Intent) {
    // a receiver that throws takes the app's process down with it
    try {
      fire(context, intent)
    } catch (e: RuntimeException) {
      Log.e(TAG, "an alarm could not be shown", e)
    }
  }

  private fun fire(context: Context, intent: Intent) {
    if (!intent.hasExtra(AlarmScheduler.EXTRA_ID)) {
      Log.w(TAG, "an alarm fired without an id")
      return
    }
    val id = intent.getIntExtra(AlarmScheduler.EXTRA_ID, 0)
    val stored = AlarmStore.read(context)
    if (stored == null) {
      Log.e(TAG, "alarm $id fired but the alarm store is corrupt")
      return
    }
    val alarm = stored.firstOrNull { it.id == id }
    if (alarm == null) {
      Log.i(TAG, "alarm $id fired but is no longer armed")
      return
    }
    Notifier.post(context, alarm)
    AlarmStore.remove(context, setOf(id))
  }
}
