"""The build machinery: the build cache, worker processes, and the plan of what is kept and sent where."""
