import sys
sys.path.insert(0, "tests/e2e")
import _prof_tmp  # noqa
from test_account_journey import test_account_journey  # noqa
