"""The Flask-SQLAlchemy handle; models and column types live in ``core.orm``."""

from flask_sqlalchemy import SQLAlchemy

from core.orm import Base, Tenths, TimestampMixin, UTCDateTime, utcnow

db = SQLAlchemy(model_class=Base)

__all__ = ["Base", "Tenths", "TimestampMixin", "UTCDateTime", "db", "utcnow"]
