# A bare class name, a class object, a misspelt class and a missing class.
import logging

logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "StreamHandler"},
#                            ^^^^^^^^^^^^^^^ error gunicorn/logconfig-handler-class: gunicorn fails to start: handler "console"'s class "StreamHandler" is not a dotted path to a handler class
        "error_console": {"class": logging.StreamHandler},
#                                  ^^^^^^^^^^^^^^^^^^^^^ error gunicorn/logconfig-handler-class: gunicorn fails to start: handler "error_console"'s "class" must be a dotted path string
        "extra": {"class": "logging.StreamHandlr"},
#                          ^^^^^^^^^^^^^^^^^^^^^^ error gunicorn/logconfig-handler-class: gunicorn fails to start: handler "extra"'s class "logging.StreamHandlr" does not exist (did you mean
        "other": {"stream": "ext://sys.stdout"},
#                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error gunicorn/logconfig-handler-class: gunicorn fails to start: handler "other" has no "class" (a dotted path such as "logging.StreamHandler").
    },
}
