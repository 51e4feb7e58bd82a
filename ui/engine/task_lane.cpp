#include "engine/task_lane.h"

namespace stratus::ui {

TaskLane::TaskLane(const QString &name, QObject *parent) : QObject(parent)
{
    setObjectName(name);
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

TaskLane::~TaskLane() { m_pool.waitForDone(); }

void TaskLane::waitForDone() { m_pool.waitForDone(); }

} // namespace stratus::ui
