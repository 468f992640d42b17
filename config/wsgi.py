import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# A page of 50 standards allocates ~10,000 short-lived objects, some in reference cycles
# (prefetched links point back at their standard). With the default thresholds a full
# collection ran every ~10 requests and paused the request 100-400 ms (issue 7): collect
# the youngest generation less often, the older ones rarely.
gc.set_threshold(50_000, 20, 100)
