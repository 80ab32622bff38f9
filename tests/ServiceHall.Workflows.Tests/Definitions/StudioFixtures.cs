namespace ServiceHall.Workflows.Tests.Definitions;

/// <summary>Definitions in the shapes Elsa Studio 3.8.2 sends (elsa-studio-compat.md §2.7 and §2.8).</summary>
internal static class StudioFixtures
{
    /// <summary>An edited definition as autosave posts it: every field present, plus the studio's quirks.</summary>
    public const string EditedDefinition = """
        {
          "id": "v-7a1c0e55b2d94f10",
          "definitionId": "svc-hall-intake",
          "name": "Service hall intake",
          "description": "Clerk accepts or rejects an application.",
          "createdAt": "2025-03-01T09:00:00+00:00",
          "version": 1,
          "toolVersion": "3.8.0.0",
          "isLatest": true,
          "isPublished": false,
          "isReadonly": false,
          "isSystem": false,
          "tenantId": null,
          "variables": [
            { "id": "var-decision", "name": "Decision", "typeName": "String", "isArray": false, "value": null, "storageDriverTypeName": null }
          ],
          "inputs": [],
          "outputs": [],
          "outcomes": [],
          "customProperties": { "owner": "tianhe" },
          "options": { "activationStrategyType": null, "usableAsActivity": false, "autoUpdateConsumingWorkflows": false,
                       "activityCategory": null, "incidentStrategyType": null, "commitStrategyName": null },
          "root": {
            "id": "fc0001", "nodeId": "Workflow1:fc0001", "type": "Elsa.Flowchart", "version": 1, "name": "Flowchart1",
            "customProperties": {}, "metadata": {}, "variables": [],
            "activities": [
              { "id": "a-start", "nodeId": "Workflow1:fc0001:a-start", "type": "Elsa.Start", "version": 1, "name": "Start1",
                "customProperties": { "canStartWorkflow": true },
                "metadata": { "designer": { "position": { "x": 80, "y": 160 }, "size": { "width": 120, "height": 50 } } } },
              { "id": "a-accept", "nodeId": "Workflow1:fc0001:a-accept", "type": "ServiceHall.Acceptance", "version": 1, "name": "Acceptance1",
                "customProperties": {},
                "metadata": { "displayText": "Accept application", "description": "窗口受理", "showDescription": true,
                              "designer": { "position": { "x": 320.5, "y": 160 }, "size": { "width": 200, "height": 60 } } },
                "hall": { "typeName": null, "expression": { "type": "Literal", "value": "gz-tianhe-hall" }, "memoryReference": null },
                "deficiencies": { "typeName": "Object", "memoryReference": { "id": "var-decision" } },
                "studioOnlyFlag": { "nested": [1, 2, { "deep": true }] } },
              { "id": "a-decide", "nodeId": "Workflow1:fc0001:a-decide", "type": "Elsa.FlowDecision", "version": 1, "name": "FlowDecision1",
                "customProperties": {},
                "metadata": { "designer": { "position": { "x": 560, "y": 160 } } },
                "condition": { "typeName": "Boolean", "expression": { "type": "Literal", "value": false } } },
              { "id": "a-end", "nodeId": "Workflow1:fc0001:a-end", "type": "Elsa.End", "version": 1, "name": "End1",
                "customProperties": {},
                "metadata": { "designer": { "position": { "x": 800, "y": 160 }, "size": { "width": 120, "height": 50 } } } }
            ],
            "connections": [
              { "source": { "activity": "a-start", "port": "Done" }, "target": { "activity": "a-accept", "port": "In" }, "vertices": [] },
              { "source": { "activity": "a-accept", "port": "Accepted" }, "target": { "activity": "a-decide", "port": "In" },
                "vertices": [ { "x": 1.5, "y": 2.0 } ], "label": "kept" },
              { "source": { "activity": "a-decide", "port": "False" }, "target": { "activity": "a-end", "port": "In" }, "vertices": [] }
            ]
          },
          "links": [
            { "href": "/workflow-definitions/svc-hall-intake", "rel": "self", "method": "GET" },
            { "href": "/workflow-definitions/svc-hall-intake/publish", "rel": "publish", "method": "POST" }
          ],
          "futureElsaField": { "anything": ["goes"] }
        }
        """;

    /// <summary>The model of the studio's "Create workflow" save: ids, collections and options all null.</summary>
    public const string CreatedDefinition = """
        {
          "definitionId": null, "name": "Workflow 1", "description": null, "toolVersion": "3.8.0.0",
          "variables": null, "inputs": null, "outputs": null, "outcomes": null, "customProperties": null,
          "isReadonly": false, "options": null,
          "root": { "id": "3f2a9c1d7e6b5a40", "type": "Elsa.Flowchart", "version": 1, "name": "Flowchart1" },
          "links": null, "createdAt": "0001-01-01T00:00:00+00:00", "version": 1, "isLatest": true, "isPublished": false, "id": null
        }
        """;
}
