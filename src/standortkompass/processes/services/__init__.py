"""Write operations of the processes app. Each service is keyword-only, typed and atomic."""
