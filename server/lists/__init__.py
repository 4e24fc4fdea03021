"""Lists a clerk prints or sends: 责任清单, 整改清单, each project's inspection log."""
