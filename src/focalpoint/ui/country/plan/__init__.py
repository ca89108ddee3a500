"""The plan tab: the tree of axes, objectives and actions, and the action panel."""
