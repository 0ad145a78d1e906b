import GRDB
import GoalWatchCore
