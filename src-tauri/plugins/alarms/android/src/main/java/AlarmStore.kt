package app.baohao.alarms

import android.content.Context
import android.content.SharedPreferences
import android.util.Log
import org.json.JSONArray
import org.json.JSONException
import org.json.JSONObject

/** The log tag of everything this plugin writes to logcat. */
internal const val TAG = "baohao"

/** A button of a notification: the app's id for it, and its words. */
internal data class StoredAction(val id: String, val title: String)

/** One alarm as the app handed it over. */
internal data class StoredAlarm(
  val id: Int,
  val atMs: Long,
  val title: String,
  val body: String,
  val lineId: String?,
  val actions: List<StoredAction> = listOf(),
) {
  fun toJson(): JSONObject {
    val json = JSONObject()
      .put("id", id)
      .put("atMs", atMs)
      .put("title", title)
      .put("body", body)
    if (lineId != null) json.put("lineId", lineId)
    val buttons = JSONArray()
    actions.forEach { buttons.put(JSONObject().put("id", it.id).put("title", it.title)) }
    json.put("actions", buttons)
    return json
  }

  companion object {
    /** @throws JSONException when a field is missing or of the wrong type */
    fun fromJson(json: JSONObject) = StoredAlarm(
      id = json.getInt("id"),
      atMs = json.getLong("atMs"),
      title = json.getString("title"),
      body = json.getString("body"),
      lineId = if (json.has("lineId") && !json.isNull("lineId")) json.getString("lineId") else null,
      // alarms stored before buttons existed have none
      actions = json.optJSONArray("actions")?.let { a ->
        List(a.length()) { StoredAction(a.getJSONObject(it).getString("id"), a.getJSONObject(it).getString("title")) }
      } ?: listOf(),
    )
  }
}

/**
 * The armed alarms, as a JSON array in SharedPreferences of device-protected storage: the boot
 * receiver can read it before the user first unlocks the device. The plugin's commands and the
 * receivers run in one process; the lock keeps each read-modify-write whole.
 */
internal object AlarmStore {
  private const val PREFS = "baohao_alarms"
  private const val KEY = "armed"
  private val lock = Any()

  private fun prefs(context: Context): SharedPreferences =
    context.createDeviceProtectedStorageContext().getSharedPreferences(PREFS, Context.MODE_PRIVATE)

  /** Every stored alarm: empty when nothing was stored, null when the store is corrupt (logged). */
  fun read(context: Context): List<StoredAlarm>? = synchronized(lock) { readLocked(context) }

  /** Adds or replaces the alarms by id; a corrupt store is started afresh. False when not written. */
  fun put(context: Context, alarms: List<StoredAlarm>): Boolean = synchronized(lock) {
    val byId = LinkedHashMap<Int, StoredAlarm>()
    readLocked(context)?.forEach { byId[it.id] = it }
    alarms.forEach { byId[it.id] = it }
    writeLocked(context, byId.values)
  }

  /** Forgets the alarms with these ids; a corrupt store is emptied. False when not written. */
  fun remove(context: Context, ids: Set<Int>): Boolean = synchronized(lock) {
    writeLocked(context, readLocked(context).orEmpty().filter { it.id !in ids })
  }

  fun clear(context: Context): Boolean = synchronized(lock) {
    prefs(context).edit().remove(KEY).commit()
  }

  private fun readLocked(context: Context): List<StoredAlarm>? {
    return try {
      val text = prefs(context).getString(KEY, null) ?: return emptyList()
      val array = JSONArray(text)
      List(array.length()) { StoredAlarm.fromJson(array.getJSONObject(it)) }
    } catch (e: JSONException) {
      Log.e(TAG, "the alarm store is corrupt", e)
      null
    } catch (e: ClassCastException) {
      Log.e(TAG, "the alarm store holds something else", e)
      null
    }
  }

  private fun writeLocked(context: Context, alarms: Collection<StoredAlarm>): Boolean {
    val array = JSONArray()
    alarms.forEach { array.put(it.toJson()) }
    // commit, not apply: a receiver's process may end right after it returns
    val written = prefs(context).edit().putString(KEY, array.toString()).commit()
    if (!written) Log.e(TAG, "could not write the alarm store")
    return written
  }
}

/**
 * The buttons chosen on notifications and not yet handed to the app, oldest first, in the same
 * device-protected preferences: the receiver records one even when the app is not running, and
 * the app takes them when it starts (or at once, while it runs).
 */
internal object ChosenStore {
  private const val PREFS = "baohao_alarms"
  private const val KEY = "chosen"
  private val lock = Any()

  private fun prefs(context: Context): SharedPreferences =
    context.createDeviceProtectedStorageContext().getSharedPreferences(PREFS, Context.MODE_PRIVATE)

  /** Appends one; false when not written (logged). */
  fun add(context: Context, chosen: JSONObject): Boolean = synchronized(lock) {
    val all = readLocked(context)
    all.put(chosen)
    val written = prefs(context).edit().putString(KEY, all.toString()).commit()
    if (!written) Log.e(TAG, "could not record a chosen action")
    written
  }

  /** Every one kept, then forgotten. */
  fun takeAll(context: Context): JSONArray = synchronized(lock) {
    val all = readLocked(context)
    prefs(context).edit().remove(KEY).commit()
    all
  }

  private fun readLocked(context: Context): JSONArray {
    return try {
      JSONArray(prefs(context).getString(KEY, null) ?: "[]")
    } catch (e: JSONException) {
      Log.e(TAG, "the chosen actions are corrupt: dropped", e)
      JSONArray()
    }
  }
}
