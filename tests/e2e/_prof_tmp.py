import time, a11y
from playwright.sync_api import Page
orig = a11y.assert_accessible
T = {"axe":0.0, "shot":0.0}
def wrap(page, **kw):
    t=time.monotonic(); orig(page, **kw); T["axe"]+=time.monotonic()-t
import test_account_journey as tj
tj.assert_accessible = wrap
ps = Page.screenshot
def shot(self, **kw):
    t=time.monotonic(); r=ps(self, **kw); T["shot"]+=time.monotonic()-t; return r
Page.screenshot = shot
import atexit; atexit.register(lambda: print("PROFILE", T))
